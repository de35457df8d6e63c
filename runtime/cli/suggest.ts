// "Did you mean ...?" for a mistyped command word: the closest candidate by edit distance, when it is close
// enough to be a typo rather than another word (two edits for words of six letters or more, one below). Two
// swapped neighbours (lsit, sevrices) count as one edit, as people make them: Levenshtein counts them as two.
import { distance } from "fastest-levenshtein";

export function closest(word: string, candidates: Iterable<string>): string | undefined {
  const typed = word.toLowerCase();
  const allowed = typed.length >= 6 ? 2 : 1;
  let best: { name: string; d: number } | undefined;
  for (const name of new Set(candidates)) {
    const d = editDistance(typed, name.toLowerCase());
    if (d > 0 && d <= allowed && (!best || d < best.d || (d === best.d && name < best.name))) best = { name, d };
  }
  return best?.name;
}

function editDistance(a: string, b: string): number {
  const d = distance(a, b);
  return d === 2 && swapsNeighbours(a, b) ? 1 : d;
}

function swapsNeighbours(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  const i = [...a].findIndex((c, k) => c !== b[k]);
  return i >= 0 && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
}

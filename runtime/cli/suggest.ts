// "Did you mean ...?" for a mistyped command word: the closest candidate by edit distance, when it is close
// enough to be a typo rather than another word (two edits for words of six letters or more, one below).
import { distance } from "fastest-levenshtein";

export function closest(word: string, candidates: Iterable<string>): string | undefined {
  const typed = word.toLowerCase();
  const allowed = typed.length >= 6 ? 2 : 1;
  let best: { name: string; d: number } | undefined;
  for (const name of new Set(candidates)) {
    const d = distance(typed, name.toLowerCase());
    if (d > 0 && d <= allowed && (!best || d < best.d || (d === best.d && name < best.name))) best = { name, d };
  }
  return best?.name;
}

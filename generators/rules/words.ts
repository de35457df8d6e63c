// How Micro 3.0 spells names as words: endpoint parts with a lower-case initial on the command line and in
// paths ("Helloworld.Call" → "helloworld call"), kebab-case path segments back to CamelCase ("baz-xyz" → "BazXyz"),
// and how the CLI compares a word typed with a name.

export function lowerFirst(s: string): string {
  return s.length === 0 ? s : s[0]!.toLowerCase() + s.slice(1);
}

export function titleWord(word: string): string {
  return word.split("-").map((p) => (p.length === 0 ? p : p[0]!.toUpperCase() + p.slice(1))).join("");
}

/** How the CLI compares a word with a name: case, dashes and underscores do not matter. */
export function sameWord(a: string, b: string): boolean {
  const norm = (s: string) => s.replace(/[-_]/g, "").toLowerCase();
  return norm(a) === norm(b);
}

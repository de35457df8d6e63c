// Line layout for the printed `_micro.ts`: how wide a printable comes out, and where a line that would be too wide
// breaks (signatures one parameter a line, string literals in `+`-joined pieces), so that generated code reads the
// way prettier leaves hand-written code. protoplugin prints what it is given on one line; this decides the lines.
import type { Printable } from "@bufbuild/protoplugin";

/** The widest line the printer writes on its own; imports and the header come from protoplugin as they are. */
export const WIDTH = 120;

/** The printed width of a one-line printable. An import that protoplugin renames to avoid a clash (`Reply$1`)
 * comes out a few columns wider than measured, which the margin under WIDTH absorbs. */
export function widthOf(p: Printable): number {
  if (Array.isArray(p)) return p.reduce((n: number, q) => n + widthOf(q), 0);
  if (typeof p !== "object") return String(p).length;
  if (p instanceof Uint8Array) return 0;
  switch (p.kind) {
    case "es_symbol":
      return p.name.length;
    case "es_string":
      return literal(p.value).length;
    case "es_export_stmt":
      return `export ${p.declaration ?? ""} ${p.name}`.length;
    default:
      throw new Error(`layout: cannot measure a printable of kind ${p.kind}`);
  }
}

/** A string as protoplugin prints it (its escapeString): only backslash, quote, CR and LF are escaped. */
function literal(text: string): string {
  return `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\r/g, "\\r").replace(/\n/g, "\\n")}"`;
}

/**
 * `text` cut into pieces whose literals are at most `room` columns wide, joined back they are `text` again. A
 * piece ends after a newline where there is one, else after a space, else (base64) where the room runs out.
 */
export function pieces(text: string, room: number): string[] {
  const max = Math.max(room - 2, 16);
  const out: string[] = [];
  for (const line of text.split(/(?<=\n)/)) {
    let rest = line;
    // The literal width of what is left, kept up to date as pieces are cut: measuring `rest` afresh each time
    // made a long literal (the base64 comments of a big file) quadratic.
    let width = literal(rest).length - 2;
    while (width > max) {
      let cut = 0;
      let fit = 0;
      for (const ch of rest) {
        // Counted in code points, so a surrogate pair is never split.
        const w = literal(ch).length - 2;
        if (fit + w > max) break;
        fit += w;
        cut += ch.length;
      }
      const space = rest.lastIndexOf(" ", cut - 1);
      if (space >= cut / 2) cut = space + 1;
      const piece = rest.slice(0, cut);
      out.push(piece);
      width -= literal(piece).length - 2;
      rest = rest.slice(cut);
    }
    if (rest) out.push(rest);
  }
  return out;
}

/**
 * A file's import statements wider than WIDTH, one name a line as prettier writes them. protoplugin prints each
 * import on one line once the file is done, so this runs over the finished text (protoc-gen-micro's plugin).
 */
export function wrapImports(content: string): string {
  return content.replace(/^import (type )?\{ ([^}\n]*) \} from ("[^"\n]*");$/gm, (line, type: string | undefined, names: string, from: string) =>
    line.length <= WIDTH ? line : `import ${type ?? ""}{\n${names.split(", ").map((n) => `  ${n},\n`).join("")}} from ${from};`);
}

// JSON outputs: what protoplugin's generateFile() would give for them (no preamble, no imports: exactly what is
// printed plus one newline), handed to protoc-gen-micro's response directly when the context collects them — for a
// big API these files are tens of MB, and protoplugin would hold each twice (as printed and as content).
import type { EmitContext } from "./context.js";

export function printJsonFile(ctx: EmitContext, name: string, value: unknown): void {
  if (ctx.jsonFiles) ctx.jsonFiles.push({ name, content: formatJson(value) + "\n" });
  else ctx.schema.generateFile(name).print(formatJson(value));
}

// An array whose items hold no array, object or line break: `[\n  "a",\n  "b"\n]`.
const FLAT_ARRAY = /\[\n\s+([^[\]{}\n]+(?:,\n\s+[^[\]{}\n]+)*)\n\s*\]/g;

/** JSON.stringify(value, null, 2), with arrays of plain values kept on one line: `"path": ["item", "id"]`. */
export function formatJson(value: unknown): string {
  const text = JSON.stringify(value, null, 2).replace(FLAT_ARRAY, (_, items: string) => `[${items.split(/,\n\s+/).join(", ")}]`);
  // V8 keeps the last regular expression's subject (RegExp.input) alive: here the whole unformatted text, tens
  // of MB for a big API, for as long as no other expression runs. A match on nothing lets it go.
  EMPTY.exec("");
  return text;
}

const EMPTY = /(?:)/;

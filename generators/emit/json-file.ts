// JSON outputs go through protoplugin's generateFile() like every other file: with no preamble and no imports,
// protoplugin emits exactly what is printed plus one newline.
import type { EmitContext } from "./context.js";

export function printJsonFile(ctx: EmitContext, name: string, value: unknown): void {
  ctx.schema.generateFile(name).print(formatJson(value));
}

// An array whose items hold no array, object or line break: `[\n  "a",\n  "b"\n]`.
const FLAT_ARRAY = /\[\n\s+([^[\]{}\n]+(?:,\n\s+[^[\]{}\n]+)*)\n\s*\]/g;

/** JSON.stringify(value, null, 2), with arrays of plain values kept on one line: `"path": ["item", "id"]`. */
export function formatJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(FLAT_ARRAY, (_, items: string) => `[${items.split(/,\n\s+/).join(", ")}]`);
}

// How read commands print: `--output text` (the default: terse, for people and `$(...)`), `table` (aligned
// columns under a header) or `json` (for programs).
import { CliError } from "../errors.js";
import type { Style } from "./style.js";

export const OUTPUT_FORMATS = ["text", "table", "json"] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export function parseOutputFormat(value: string | undefined, allowed: readonly string[] = OUTPUT_FORMATS): OutputFormat {
  const v = (value ?? "text").toLowerCase();
  if (!allowed.includes(v)) throw new CliError(`--output must be one of ${allowed.join(", ")} (got "${value}")`);
  return v as OutputFormat;
}

/** JSON for people and for jq alike: two-space indent, bigints as decimal strings. */
export function toPrettyJson(value: unknown, indent = 2): string {
  return JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? v.toString() : v), indent);
}

export interface Column<Row> {
  header: string;
  value: (row: Row) => string;
  /** Style applied after padding, e.g. to mark the current row. */
  paint?: (text: string, row: Row) => string;
}

/** Left-aligned columns two spaces apart; with `header`, a bold header row first. */
export function renderTable<Row>(rows: Row[], columns: Column<Row>[], options: { header: boolean; style: Style }): string {
  const cells = rows.map((row) => columns.map((c) => c.value(row)));
  const widths = columns.map((c, i) => Math.max(options.header ? c.header.length : 0, ...cells.map((r) => r[i].length)));
  const line = (values: string[], paint: (text: string, i: number) => string) =>
    values.map((v, i) => paint(i === values.length - 1 ? v : v.padEnd(widths[i]), i)).join("  ").trimEnd();
  const out: string[] = [];
  if (options.header) out.push(line(columns.map((c) => c.header), (t) => options.style.bold(t)));
  cells.forEach((values, r) => out.push(line(values, (t, i) => columns[i].paint?.(t, rows[r]) ?? t)));
  return out.length ? out.join("\n") + "\n" : "";
}

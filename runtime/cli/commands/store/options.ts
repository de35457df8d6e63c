// Flags shared by the store commands, and their conversion to the wire's options.
import { Option } from "clipanion";
import { CliError } from "../../errors.js";

export const databaseOption = () => Option.String("--database", { description: "Database (default: your namespace)" });
export const tableOption = () => Option.String("--table", { description: "Table (default: micro)" });
export const limitOption = () => Option.String("--limit", { description: "At most this many results" });
export const offsetOption = () => Option.String("--offset", { description: "Skip this many results" });
export const orderOption = () => Option.String("--order", { description: "asc or desc" });

export function unsigned(value: string | undefined, flag: string): bigint {
  if (value === undefined) return 0n;
  if (!/^\d+$/.test(value.trim())) throw new CliError(`${flag} must be a non-negative integer (got "${value}")`);
  return BigInt(value.trim());
}

export function order(value: string | undefined): string {
  if (value === undefined) return "";
  const v = value.toLowerCase();
  if (v !== "asc" && v !== "desc") throw new CliError(`--order must be asc or desc (got "${value}")`);
  return v;
}

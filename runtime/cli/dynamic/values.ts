// One flag value, as text, to the JSON the request's protobuf JSON mapping expects — checked here so that a
// mistake is reported against the flag that made it, with what was expected.
import type { JsonValue } from "@bufbuild/protobuf";
import { readFileSync } from "node:fs";
import type { FlagType } from "../../../generators/tables/index.js";
import { CliError } from "../errors.js";

/** The scalar types of a flag (or of a map's key and value), as the command table names them. */
export type ScalarFlagType = Exclude<FlagType, "enum" | "map" | "json">;

const INT32 = [-(2 ** 31), 2 ** 31 - 1] as const;
const UINT32 = [0, 2 ** 32 - 1] as const;
const INT64 = [-(2n ** 63n), 2n ** 63n - 1n] as const;
const UINT64 = [0n, 2n ** 64n - 1n] as const;

function bad(flag: string, text: string, expected: string): CliError {
  return new CliError(`--${flag}: "${text}" is not ${expected}`);
}

export function scalarValue(flag: string, type: ScalarFlagType, text: string): JsonValue {
  switch (type) {
    case "string": return text;
    case "bool": return boolValue(flag, text);
    case "bytes": return bytesValue(flag, text);
    case "float":
    case "double": {
      const t = text.trim();
      if (/^[-+]?(inf|infinity)$/i.test(t)) return t.startsWith("-") ? "-Infinity" : "Infinity";
      if (/^nan$/i.test(t)) return "NaN";
      const n = Number(t);
      if (t === "" || !Number.isFinite(n)) throw bad(flag, text, `a number (${type})`);
      return n;
    }
    case "int32": case "sint32": case "sfixed32":
      return intValue(flag, text, INT32, type);
    case "uint32": case "fixed32":
      return intValue(flag, text, UINT32, type);
    case "int64": case "sint64": case "sfixed64":
      return bigValue(flag, text, INT64, type);
    case "uint64": case "fixed64":
      return bigValue(flag, text, UINT64, type);
  }
}

function boolValue(flag: string, text: string): boolean {
  const t = text.trim().toLowerCase();
  if (["true", "1", "yes", "on", ""].includes(t)) return true;
  if (["false", "0", "no", "off"].includes(t)) return false;
  throw bad(flag, text, "a bool (true or false)");
}

function intValue(flag: string, text: string, [min, max]: readonly [number, number], type: string): number {
  const t = text.trim();
  if (!/^[-+]?\d+$/.test(t)) throw bad(flag, text, `an integer (${type})`);
  const n = Number(t);
  if (n < min || n > max) throw bad(flag, text, `within the range of ${type} (${min} to ${max})`);
  return n;
}

/** 64-bit integers travel as decimal strings in protobuf JSON (numbers would lose precision). */
function bigValue(flag: string, text: string, [min, max]: readonly [bigint, bigint], type: string): string {
  const t = text.trim();
  if (!/^[-+]?\d+$/.test(t)) throw bad(flag, text, `an integer (${type})`);
  const n = BigInt(t);
  if (n < min || n > max) throw bad(flag, text, `within the range of ${type}`);
  return n.toString();
}

/** base64 (standard or URL-safe), or @path for a file's contents. */
function bytesValue(flag: string, text: string): string {
  if (text.startsWith("@")) return readFile(flag, text.slice(1)).toString("base64");
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(text) || text.replace(/=+$/, "").length % 4 === 1) {
    throw bad(flag, text, "base64 (give @file to send a file's contents)");
  }
  return text;
}

/** An enum value by name, in any case, with dashes for underscores, without a prefix all values share
 * (`large` for SIZE_LARGE), or by number (protobuf JSON takes enum numbers as they are). */
export function enumValue(flag: string, names: readonly string[], text: string): JsonValue {
  const t = text.trim();
  const upper = t.toUpperCase().replace(/-/g, "_");
  const match = names.find((n) => n === t) ?? names.find((n) => n.toUpperCase() === upper)
    ?? sharedPrefixes(names).map((p) => names.find((n) => n.toUpperCase() === p.toUpperCase() + upper)).find((n) => n);
  if (match) return match;
  if (/^-?\d+$/.test(t)) return Number(t);
  throw new CliError(`--${flag}: "${text}" is not one of ${names.join(", ")}`);
}

/** "SIZE_" for SIZE_UNSPECIFIED, SIZE_SMALL, SIZE_LARGE: the prefixes ending in "_" that every value has. */
function sharedPrefixes(names: readonly string[]): string[] {
  const first = names[0] ?? "";
  const out: string[] = [];
  for (let end = first.indexOf("_"); end > 0; end = first.indexOf("_", end + 1)) {
    const prefix = first.slice(0, end + 1);
    if (names.every((n) => n.startsWith(prefix) && n.length > prefix.length)) out.push(prefix);
  }
  return out;
}

/** JSON text, or @path for a JSON file. */
export function jsonValue(flag: string, text: string): JsonValue {
  const source = text.startsWith("@") ? readFile(flag, text.slice(1)).toString("utf8") : text;
  try {
    return JSON.parse(source) as JsonValue;
  } catch (err) {
    throw new CliError(`--${flag}: not valid JSON (${(err as Error).message})`);
  }
}

function readFile(flag: string, path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (err) {
    throw new CliError(`--${flag}: cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

// One flag value, as text, to the JSON the request's protobuf JSON mapping expects — checked here so that a
// mistake is reported against the flag that made it, with what was expected.
import { ScalarType, type DescEnum, type JsonValue } from "@bufbuild/protobuf";
import { readFileSync } from "node:fs";
import { CliError } from "../errors.js";
import { scalarName } from "./flags.js";

const INT32 = [-(2 ** 31), 2 ** 31 - 1] as const;
const UINT32 = [0, 2 ** 32 - 1] as const;
const INT64 = [-(2n ** 63n), 2n ** 63n - 1n] as const;
const UINT64 = [0n, 2n ** 64n - 1n] as const;

function bad(flag: string, text: string, expected: string): CliError {
  return new CliError(`--${flag}: "${text}" is not ${expected}`);
}

export function scalarValue(flag: string, type: ScalarType, text: string): JsonValue {
  switch (type) {
    case ScalarType.STRING: return text;
    case ScalarType.BOOL: return boolValue(flag, text);
    case ScalarType.BYTES: return bytesValue(flag, text);
    case ScalarType.FLOAT:
    case ScalarType.DOUBLE: {
      const t = text.trim();
      if (/^[-+]?(inf|infinity)$/i.test(t)) return t.startsWith("-") ? "-Infinity" : "Infinity";
      if (/^nan$/i.test(t)) return "NaN";
      const n = Number(t);
      if (t === "" || !Number.isFinite(n)) throw bad(flag, text, `a number (${scalarName(type)})`);
      return n;
    }
    case ScalarType.INT32: case ScalarType.SINT32: case ScalarType.SFIXED32:
      return intValue(flag, text, INT32, scalarName(type));
    case ScalarType.UINT32: case ScalarType.FIXED32:
      return intValue(flag, text, UINT32, scalarName(type));
    case ScalarType.INT64: case ScalarType.SINT64: case ScalarType.SFIXED64:
      return bigValue(flag, text, INT64, scalarName(type));
    case ScalarType.UINT64: case ScalarType.FIXED64:
      return bigValue(flag, text, UINT64, scalarName(type));
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

export function enumValue(flag: string, desc: DescEnum, text: string): JsonValue {
  const t = text.trim();
  const upper = t.toUpperCase().replace(/-/g, "_");
  const match = desc.values.find((v) => v.name === t)
    ?? desc.values.find((v) => v.name.toUpperCase() === upper)
    // COLOR_RED may be given as red when every value shares the COLOR_ prefix
    ?? (desc.sharedPrefix ? desc.values.find((v) => v.name.toUpperCase() === desc.sharedPrefix!.toUpperCase() + upper) : undefined)
    ?? (/^-?\d+$/.test(t) ? desc.values.find((v) => v.number === Number(t)) : undefined);
  if (!match) throw new CliError(`--${flag}: "${text}" is not one of ${desc.values.map((v) => v.name).join(", ")}`);
  return match.name;
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

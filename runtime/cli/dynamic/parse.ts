// argv after the command words → the JSON request. node's parseArgs splits the tokens (`--k=v`, `--k v`,
// bare switches, `--`); the command's flags in the command table (CliFlag) say what each flag means, how it may
// be spelled, and how to check its value.
import { parseArgs } from "node:util";
import type { JsonObject, JsonValue } from "@bufbuild/protobuf";
import type { CliFlag } from "../../../generators/tables/index.js";
import { CliError } from "../errors.js";
import { enumValue, jsonValue, scalarValue } from "./values.js";

export interface ParsedCommand {
  /** The request built from the flags (merged over --data / a positional JSON body). */
  request: JsonObject;
  help: boolean;
  /** Whether any request input (flags, --data, body) was given at all. */
  given: boolean;
  /** The whole request, as given with --data or as a positional argument (JSON text, @file or -). */
  body?: string;
}

/** `--data` means the whole request unless the request has a field spelled that way. */
export function reservesData(flags: readonly CliFlag[]): boolean {
  return !flags.some((f) => f.name === "data" || f.aliases?.includes("data"));
}

export function parseFlags(args: string[], flags: CliFlag[], endpoint: string): ParsedCommand {
  const lookup = new Map<string, CliFlag>();
  for (const f of flags) lookup.set(f.name, f);
  for (const f of flags) for (const a of f.aliases ?? []) if (!lookup.has(a)) lookup.set(a, f);
  const dataFlag = reservesData(flags);

  const options: Record<string, { type: "string" | "boolean"; short?: string }> = { help: { type: "boolean", short: "h" } };
  for (const [spelling, f] of lookup) options[spelling] = { type: f.switch ? "boolean" : "string" };
  if (dataFlag) options.data = { type: "string" };
  const { tokens } = parseArgs({ args, options, strict: false, allowPositionals: true, tokens: true });

  const values = new Map<CliFlag, string[]>();
  let help = false;
  let body: string | undefined;
  for (const token of tokens) {
    if (token.kind === "option-terminator") continue;
    if (token.kind === "positional") {
      if (body === undefined && /^\s*[[{]|^@|^-$/.test(token.value)) body = token.value;
      else throw new CliError(`unexpected argument "${token.value}" for ${endpoint}: flags look like --name=value`);
      continue;
    }
    if (token.name === "help" || token.name === "h") { help = true; continue; }
    if (token.name === "data" && dataFlag) {
      if (token.value === undefined) throw new CliError("--data needs a value: JSON, @file.json, or - for stdin");
      body = token.value;
      continue;
    }
    const flag = lookup.get(token.name);
    if (!flag) throw unknownFlag(token.rawName, flags, dataFlag, endpoint);
    const value = token.value ?? (flag.switch ? "true" : undefined);
    if (value === undefined) throw new CliError(`${token.rawName} needs a value (${flag.label})`);
    values.set(flag, [...(values.get(flag) ?? []), value]);
  }
  if (help) return { request: {}, help, given: false };
  checkOneofs([...values.keys()]);
  const request: JsonObject = {};
  for (const [flag, texts] of values) setPath(request, flag.jsonPath, convert(flag, texts));
  return { request, help, given: values.size > 0 || body !== undefined, body };
}

function unknownFlag(raw: string, flags: CliFlag[], dataFlag: boolean, endpoint: string): CliError {
  const valid = flags.map((f) => `--${f.name}`);
  if (dataFlag) valid.push("--data");
  return new CliError(`unknown flag ${raw} for ${endpoint}; valid flags: ${valid.join(", ") || "none"}`);
}

function checkOneofs(given: CliFlag[]): void {
  const byOneof = new Map<string, CliFlag[]>();
  for (const f of given) if (f.oneof) byOneof.set(f.oneof, [...(byOneof.get(f.oneof) ?? []), f]);
  for (const [oneof, fs] of byOneof) {
    // flags under the same member message (--a-x, --a-y) do not conflict with each other
    const members = new Set(fs.map((f) => f.jsonPath.slice(0, oneof.split(".").length).join(".")));
    if (members.size > 1) throw new CliError(`${fs.map((f) => `--${f.name}`).join(" and ")} are alternatives (oneof ${oneof}): give only one`);
  }
}

/** All occurrences of one flag → its JSON value. Non-repeated flags: the last occurrence wins. */
function convert(flag: CliFlag, texts: string[]): JsonValue {
  const one = (text: string): JsonValue => {
    switch (flag.type) {
      case "enum": return enumValue(flag.name, flag.enum ?? [], text);
      case "json": return jsonValue(flag.name, text);
      case "map": return mapEntries(flag, text);
      default: return scalarValue(flag.name, flag.type, text); // a string well-known type (Timestamp…) as written
    }
  };
  if (flag.type === "map") return Object.assign({}, ...texts.map((x) => one(x) as JsonObject)) as JsonObject;
  if (!flag.repeated) return one(texts[texts.length - 1]!);
  if (flag.type === "json") return texts.flatMap((x) => { const v = one(x); return Array.isArray(v) ? v : [v]; });
  return texts.flatMap((x) => x.split(",")).map(one);
}

/** `key=value` (one entry) or a JSON object (several). */
function mapEntries(flag: CliFlag, text: string): JsonObject {
  const map = flag.map;
  if (!map) throw new Error(`--${flag.name} is not a map flag`);
  if (text.trim().startsWith("{")) return jsonValue(flag.name, text) as JsonObject;
  const i = text.indexOf("=");
  if (i < 0) throw new CliError(`--${flag.name}: "${text}" is not key=value`);
  const key = String(scalarValue(flag.name, map.key, text.slice(0, i)));
  const raw = text.slice(i + 1);
  const value = map.value === "enum" ? enumValue(flag.name, flag.enum ?? [], raw)
    : map.value === "json" ? jsonValue(flag.name, raw) : scalarValue(flag.name, map.value, raw);
  return { [key]: value };
}

function setPath(target: JsonObject, path: string[], value: JsonValue): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    node = (node[key] = typeof next === "object" && next !== null && !Array.isArray(next) ? next : {}) as JsonObject;
  }
  node[path[path.length - 1]] = value;
}

/** Flags win over the whole-request body, object by object. */
export function mergeRequest(base: JsonValue, flags: JsonObject): JsonValue {
  if (typeof base !== "object" || base === null || Array.isArray(base)) {
    if (Object.keys(flags).length) throw new CliError("the request body must be a JSON object to combine it with flags");
    return base;
  }
  const out: JsonObject = { ...base };
  for (const [k, v] of Object.entries(flags)) {
    const cur = out[k];
    const bothObjects = [cur, v].every((x) => typeof x === "object" && x !== null && !Array.isArray(x));
    out[k] = bothObjects ? mergeRequest(cur as JsonObject, v as JsonObject) : v;
  }
  return out;
}

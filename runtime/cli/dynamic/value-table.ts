// The command table of a service that registered no protobuf descriptor (every Micro 3.0 Go service and builtin):
// built from the registry's endpoint Value trees (name, Go-style type, nested values), as Micro 3.0's CLI builds
// its flags. Same CliTable/CliCommand/CliFlag shapes as the generated tables, so parse.ts and help.ts need no
// second path; help has the endpoint names and types only (a Value tree carries no comments).
import { CLI_TABLE_FORMAT, sameWord, type CliCommand, type CliFlag, type CliTable, type FlagType } from "../../../generators/tables/index.js";
import { lowerFirst } from "../../../generators/rules/index.js";
import type { Endpoint, Value } from "../../gen/registry/registry_pb.js";

type Scalar = Exclude<FlagType, "enum" | "map" | "json">;

/** Go and proto scalar names → flag types; anything else (structs without values, interfaces…) is JSON. */
const SCALARS: Readonly<Record<string, Scalar>> = {
  string: "string", bool: "bool", bytes: "bytes", "[]byte": "bytes", "[]uint8": "bytes",
  int: "int64", int64: "int64", int32: "int32", int16: "int32", int8: "int32",
  uint: "uint64", uint64: "uint64", uint32: "uint32", uint16: "uint32", uint8: "uint32",
  float64: "double", double: "double", float32: "float", float: "float",
  sint32: "int32", sfixed32: "int32", sint64: "int64", sfixed64: "int64", fixed32: "uint32", fixed64: "uint64",
};

/** Deeper Value trees are cut off (and the rest given as JSON): registries cap recursive messages the same way. */
const MAX_DEPTH = 8;

export function tableFromEndpoints(registryName: string, endpoints: readonly Endpoint[]): CliTable {
  const handlers = [...new Set(endpoints.map((e) => e.name.split(".")[0]!))];
  const primary = handlers.find((h) => sameWord(h, registryName)) ?? (handlers.length === 1 ? handlers[0] : undefined);
  return {
    format: CLI_TABLE_FORMAT,
    service: registryName,
    protoService: primary ?? registryName,
    file: "",
    help: "",
    deprecated: false,
    commands: endpoints.map((e) => commandOf(registryName, e, primary)),
  };
}

function commandOf(registry: string, e: Endpoint, primary: string | undefined): CliCommand {
  const [handler = "", method = ""] = e.name.split(".");
  // Micro 3.0's words: the handler word drops when it names the registry service (`micro helloworld call`)
  const long = [registry, lowerFirst(handler), lowerFirst(method)];
  const path = handler === primary ? [registry, lowerFirst(method)] : long;
  const aliases = handler === primary ? [long] : [];
  if (method === "Call" && handler === primary) aliases.unshift([registry]);
  const stream = e.metadata.stream === "true";
  return {
    endpoint: e.name, path, aliases, usage: `micro ${path.join(" ")} [flags]`,
    help: `${e.request?.type ?? "{}"} → ${e.response?.type ?? "{}"}`,
    // Micro 3.0 marks streams only as "stream": the server side streams for every builtin that does
    streaming: stream ? "server_streaming" : "unary",
    deprecated: false,
    request: e.request?.type ?? "", response: e.response?.type ?? "",
    flags: e.request ? flagsOf(e.request.values, [], 0) : [],
  };
}

function flagsOf(values: readonly Value[], prefix: string[], depth: number): CliFlag[] {
  return values.flatMap((v) => {
    const path = [...prefix, v.name];
    if (v.values.length && !v.type.startsWith("[]") && !v.type.startsWith("map[") && depth < MAX_DEPTH) {
      return flagsOf(v.values, path, depth + 1);
    }
    return [flagOf(v, path)];
  });
}

function flagOf(v: Value, path: string[]): CliFlag {
  const name = path.join("-");
  const dotted = path.join(".");
  const base = { name, path, jsonPath: path, ...(dotted !== name && { aliases: [dotted] }) };
  const type = v.type.replace(/^\*/, "");
  const scalar = SCALARS[type];
  if (scalar) return { ...base, type: scalar, label: type, ...(scalar === "bool" && { switch: true as const }) };
  const list = /^\[\]\*?(.+)$/.exec(type);
  if (list && SCALARS[list[1]!]) return { ...base, type: SCALARS[list[1]!]!, repeated: true, label: type };
  const map = /^map\[(\w+)\]\*?(.+)$/.exec(type);
  if (map && SCALARS[map[1]!]) {
    const value = SCALARS[map[2]!] ?? "json";
    return { ...base, type: "map", map: { key: SCALARS[map[1]!]!, value }, label: type, hint: "key=value, repeatable, or a JSON object" };
  }
  return { ...base, type: "json", ...(list && { repeated: true as const }), label: type || "json", hint: "JSON" };
}

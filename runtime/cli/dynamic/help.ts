// Help for dynamic commands, from what the service registered: its endpoints with their descriptions
// (registry endpoint metadata, i.e. the proto comments), and every flag of an endpoint with its type.
import type { DescMethod } from "@bufbuild/protobuf";
import { endpointInfo, type FoundService } from "../remote/lookup.js";
import { renderTable } from "../output/format.js";
import type { Style } from "../output/style.js";
import { endpointCommands, resolveEndpoint } from "./endpoints.js";
import { flagHint, type FlagSpec } from "./flags.js";
import { reservesData } from "./parse.js";

const KIND: Record<DescMethod["methodKind"], string> = {
  unary: "", server_streaming: "server stream", client_streaming: "client stream", bidi_streaming: "bidirectional stream",
};

export function serviceHelp(found: FoundService, style: Style): string {
  const name = found.name;
  const fallback = resolveEndpoint(found, []);
  const rows = endpointCommands(found).map((e) => ({
    words: e.words.join(" "),
    endpoint: `${e.method.parent.name}.${e.method.name}`,
    about: [endpointInfo(found, e.method).description ?? "", KIND[e.method.methodKind] ? `(${KIND[e.method.methodKind]})` : "",
      e.method === fallback ? `(default: micro ${name})` : ""].filter(Boolean).join(" "),
  }));
  const version = found.entry.version ? `, version ${found.entry.version}` : "";
  return [
    `${style.bold(`micro ${name}`)} — service ${name} (namespace ${found.namespace}${version})`,
    "",
    `${style.bold("Usage:")} micro ${name} <endpoint> [flags]`,
    "",
    style.bold("Endpoints:"),
    renderTable(rows, [
      { header: "", value: (r) => `  ${r.words}`, paint: (t) => style.cyan(t) },
      { header: "", value: (r) => r.endpoint },
      { header: "", value: (r) => r.about, paint: (t) => style.dim(t) },
    ], { header: false, style }).trimEnd(),
    "",
    `Run \`micro ${name} <endpoint> --help\` for the flags of an endpoint.`,
    "",
  ].join("\n");
}

export function endpointHelp(found: FoundService, method: DescMethod, words: string[], flags: FlagSpec[], style: Style): string {
  const info = endpointInfo(found, method);
  const rows: { flag: string; type: string; hint: string }[] = flags.map((f) => ({ flag: `--${f.name}`, type: f.label, hint: flagHint(f) }));
  if (reservesData(flags)) rows.push({ flag: "--data", type: "json", hint: "the whole request: JSON, @file.json, or - for stdin" });
  const kind = KIND[method.methodKind];
  return [
    `${style.bold(`micro ${[found.name, ...words].join(" ")}`)} — ${method.parent.name}.${method.name}${kind ? ` (${kind}: prints each message as it arrives)` : ""}`,
    ...(info.description ? ["", info.description] : []),
    "",
    `${style.bold("Usage:")} micro ${[found.name, ...words].join(" ")} [flags]`,
    "",
    style.bold("Flags:"),
    rows.length ? renderTable(rows, [
      { header: "", value: (r) => `  ${r.flag}`, paint: (t) => style.cyan(t) },
      { header: "", value: (r) => r.type },
      { header: "", value: (r) => r.hint, paint: (t) => style.dim(t) },
    ], { header: false, style }).trimEnd() : "  (none: the request is empty)",
    "",
    "Nested fields take dots or dashes (--a.b=x or --a-b=x); repeated fields take the flag again or a comma list.",
    "",
  ].join("\n");
}

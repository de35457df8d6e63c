// Help for dynamic commands, printed from the service's command table: its commands with their descriptions
// (the proto comments, or the docs its definition gave), and every flag of a command with its type and hint.
// With `--output json` the table itself is printed: what `protoc-gen-micro`'s `cli` target writes for the proto.
import type { StreamingKind } from "../../../generators/tables/index.js";
import type { FoundService } from "../remote/lookup.js";
import { renderTable } from "../output/format.js";
import type { Style } from "../output/style.js";
import { commandWords, resolveEndpoint } from "./endpoints.js";
import { reservesData } from "./parse.js";
import { commandsOf, type TableCommand } from "./table.js";

const KIND: Record<StreamingKind, string> = {
  unary: "", server_streaming: "server stream", client_streaming: "client stream", bidi_streaming: "bidirectional stream",
};

export function serviceHelp(found: FoundService, style: Style): string {
  const name = found.name;
  const fallback = resolveEndpoint(found, []);
  const rows = commandsOf(found).commands.map((c) => ({
    words: commandWords(c).join(" "),
    endpoint: c.command.endpoint,
    about: [firstLine(c.command.help), KIND[c.command.streaming] ? `(${KIND[c.command.streaming]})` : "",
      c === fallback ? `(default: micro ${name})` : ""].filter(Boolean).join(" "),
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
    `Run \`micro ${name} <endpoint> --help\` for the flags of an endpoint (\`--output json\` prints the command table).`,
    "",
  ].join("\n");
}

export function endpointHelp(found: FoundService, { command }: TableCommand, words: string[], style: Style): string {
  const rows = command.flags.map((f) => ({
    flag: `--${f.name}`, type: f.label, hint: [f.help && firstLine(f.help), f.hint].filter(Boolean).join("; "),
  }));
  if (reservesData(command.flags)) rows.push({ flag: "--data", type: "json", hint: "the whole request: JSON, @file.json, or - for stdin" });
  const kind = KIND[command.streaming];
  return [
    `${style.bold(`micro ${[found.name, ...words].join(" ")}`)} — ${command.endpoint}${kind ? ` (${kind}: prints each message as it arrives)` : ""}`,
    ...(command.help ? ["", command.help] : []),
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

/** A table row has room for one line of a longer comment. */
function firstLine(text: string): string {
  return text.split("\n")[0]!;
}

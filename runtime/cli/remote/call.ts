// `micro call` and `micro stream` without clipanion: what the commands do once their flags are parsed. main.ts
// also runs `micro call SERVICE ENDPOINT [JSON]` — the form with no flags — straight through here, so that the
// most common call needs no command-line parser loaded (bench/cli); anything with a flag goes through clipanion.
import type { JsonValue } from "@bufbuild/protobuf";
import type { MicroContext } from "../context.js";
import { CliError, ExitCode } from "../errors.js";
import { parseDuration } from "../duration.js";
import { sameWord } from "../../../generators/rules/index.js";
import type { Session } from "../session/session.js";
import type { FoundService } from "./lookup.js";
import type { InvokeOptions } from "./invoke.js";

export interface CallFlags {
  service: string; endpoint: string; body?: string; metadata?: string[]; requestTimeout?: string; output?: string;
  context: MicroContext; env?: string;
}

/** `micro call` and `micro stream`: the same request, printed per the endpoint's kind. */
export async function runCall(cmd: CallFlags, options: { stream: boolean }): Promise<number> {
  if (!/^[A-Za-z_][\w-]*\.[A-Za-z_][\w-]*$/.test(cmd.endpoint)) {
    throw new CliError(`Method name "${cmd.endpoint}" invalid format. Expecting service.endpoint`, ExitCode.badMethod);
  }
  const output = (cmd.output ?? "json").toLowerCase();
  if (output !== "json" && output !== "raw") throw new CliError(`--output must be json or raw (got "${cmd.output}")`);
  const request = parseJsonArgument(cmd.body ?? "{}", "request");
  const metadata = parseMetadata(cmd.metadata ?? []);
  const timeoutMs = cmd.requestTimeout ? parseDuration(cmd.requestTimeout, "--request_timeout") : undefined;
  const [{ Session }, { requireService, findMethod }, { invoke, printReplies }] = await Promise.all([
    import("../session/session.js"), import("./lookup.js"), import("./invoke.js"),
  ]);
  const session = new Session(cmd.context, cmd.env);
  const found = await requireService(session, cmd.service);
  if (!found.schema) return callJson(cmd, session, found, request, { timeoutMs, metadata }, output === "raw" || options.stream, options.stream);
  const method = findMethod(found, cmd.endpoint);
  if (!method) throw new CliError(`Service method "${cmd.endpoint}" not found in ${cmd.service}`, ExitCode.badMethod);
  const replies = invoke(session, found, method, request, { timeoutMs, metadata });
  await printReplies(cmd.context.stdout, method, replies, output === "raw" || options.stream);
  return 0;
}

/** A service without a descriptor: the JSON goes through as it is, gRPC+JSON (remote/invoke-json.ts). */
async function callJson(cmd: CallFlags, session: Session, found: FoundService, request: JsonValue, o: InvokeOptions, compact: boolean,
  stream: boolean): Promise<number> {
  const [{ invokeJson }, { printReplies }] = await Promise.all([import("./invoke-json.js"), import("./invoke.js")]);
  const endpoint = found.entry.endpoints.find((e) => sameWord(e.name, cmd.endpoint));
  // called as written, as Micro 3.0's CLI calls anything: an entry that lists no endpoints (Micro 3.0's network),
  // and Debug, which every Micro 3.0 service serves and none lists
  if (!endpoint && found.entry.endpoints.length > 0 && !/^Debug\./i.test(cmd.endpoint)) {
    throw new CliError(`Service method "${cmd.endpoint}" not found in ${cmd.service}`, ExitCode.badMethod);
  }
  const streaming = endpoint ? endpoint.metadata.stream === "true" : stream;
  await printReplies(cmd.context.stdout, { methodKind: streaming ? "server_streaming" : "unary" },
    invokeJson(session, found.name, endpoint?.name ?? cmd.endpoint, request, streaming, o), compact);
  return 0;
}

export function parseJsonArgument(text: string, what: string): JsonValue {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new CliError(`the ${what} is not valid JSON: ${(err as Error).message}`);
  }
}

export function parseMetadata(pairs: string[]): Record<string, string> {
  const md: Record<string, string> = {};
  for (const pair of pairs) {
    const i = pair.indexOf("=");
    if (i <= 0) throw new CliError(`--metadata takes key=value (got "${pair}")`);
    md[pair.slice(0, i).trim().toLowerCase()] = pair.slice(i + 1);
  }
  return md;
}

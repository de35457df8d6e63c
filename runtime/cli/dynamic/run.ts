// `micro <service> [words] [flags]`: a plugin executable, else a service found in the registry (current
// namespace, then "micro"), whose endpoint and flags come from what it registered — no code generation, and a
// service is callable the moment it registers.
import { fstatSync, readFileSync } from "node:fs";
import type { JsonValue } from "@bufbuild/protobuf";
import type { MicroContext } from "../context.js";
import { CliError, ExitCode } from "../errors.js";
import { Session } from "../session/session.js";
import { findService } from "../remote/lookup.js";
import { invoke, printReplies } from "../remote/invoke.js";
import { createStyle } from "../output/style.js";
import { findPlugin, runPlugin } from "./external.js";
import { resolveEndpoint } from "./endpoints.js";
import { mergeRequest, parseFlags } from "./parse.js";
import { endpointHelp, serviceHelp } from "./help.js";
import { commandsOf } from "./table.js";

export async function runDynamic(args: string[], context: MicroContext): Promise<number> {
  const [name, ...rest] = args;
  const plugin = findPlugin(name, context.env);
  if (plugin) return runPlugin(plugin, rest, context);

  const firstFlag = rest.findIndex((a) => a.startsWith("-") || /^\s*[[{]|^@/.test(a));
  const words = firstFlag < 0 ? rest : rest.slice(0, firstFlag);
  const flagArgs = firstFlag < 0 ? [] : rest.slice(firstFlag);
  const session = new Session(context);
  const found = await findService(session, name).catch((err) => {
    if (err instanceof CliError && err.exitCode === ExitCode.unreachable) {
      throw new CliError(`${err.message} (looking for a service "${name}"; \`micro --help\` lists the commands)`, err.exitCode);
    }
    throw err;
  });
  if (!found) throw new UnknownCommandError(name, session.namespace);

  const style = createStyle(context.colors);
  const wantsHelp = flagArgs.includes("--help") || flagArgs.includes("-h");
  const json = wantsHelp && helpAsJson(flagArgs);
  const command = resolveEndpoint(found, words);
  if (!command || (wantsHelp && words.length === 0)) {
    context.stdout.write(json ? toJson(commandsOf(found).tables) : serviceHelp(found, style));
    return 0;
  }
  const { method } = command;
  const parsed = parseFlags(json ? ["--help"] : flagArgs, command.command.flags, command.command.endpoint);
  if (parsed.help) {
    context.stdout.write(json ? toJson(command.command) : endpointHelp(found, command, words, style));
    return 0;
  }
  const body = parsed.body ?? (parsed.given ? undefined : pipedStdin());
  const request = body === undefined ? parsed.request : mergeRequest(await readBody(body, context), parsed.request);
  if (method) {
    await printReplies(context.stdout, method, invoke(session, found, method, request));
    return 0;
  }
  // no descriptor: gRPC+JSON, code loaded only for such services
  const { invokeJson } = await import("../remote/invoke-json.js");
  const kind = command.command.streaming;
  await printReplies(context.stdout, { methodKind: kind }, invokeJson(session, found.name, command.command.endpoint, request, kind !== "unary"));
  return 0;
}

/** `--help --output json` (or -o json): the command table rather than its rendering. */
function helpAsJson(args: string[]): boolean {
  return args.some((a, i) => ((a === "--output" || a === "-o") && args[i + 1] === "json") || a === "--output=json" || a === "-o=json");
}

function toJson(value: unknown): string {
  return JSON.stringify(value, null, 2) + "\n";
}

export class UnknownCommandError extends CliError {
  constructor(readonly command: string, namespace: string) {
    super(`unknown command "${command}": not a builtin, a micro-${command} executable, or a service in namespace ${namespace}`);
  }
}

/** `--data` values: JSON text, @file.json, or - for stdin. */
async function readBody(body: string, context: MicroContext): Promise<JsonValue> {
  let text = body;
  if (body === "-") text = await readAll(context.stdin);
  else if (body.startsWith("@")) {
    try {
      text = readFileSync(body.slice(1), "utf8");
    } catch (err) {
      throw new CliError(`cannot read ${body.slice(1)}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
  }
  if (body === "-" && text.trim() === "") return {}; // nothing piped in
  try {
    return JSON.parse(text) as JsonValue;
  } catch (err) {
    throw new CliError(`the request is not valid JSON: ${(err as Error).message}`);
  }
}

/** With no flags at all, a request piped in (`echo '{...}' | micro helloworld`) is the body. Only pipes and
 * files count: an inherited terminal or socket is never waited on. */
function pipedStdin(): string | undefined {
  try {
    const st = fstatSync(0);
    return st.isFIFO() || st.isFile() ? "-" : undefined;
  } catch {
    return undefined;
  }
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString("utf8");
}

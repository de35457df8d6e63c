// `micro generate`: the service's protos → gen/ with our own parser (no protoc), writing only files whose bytes
// changed, then the handler classes get a stub for every new rpc. `micro new` calls generateService() after
// rendering its templates.
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { generateFromDir, GenerateError, MICRO_TARGETS, ProtoParseError, type MicroTarget } from "../../../generators/index.js";
import { CliError } from "../errors.js";

/** Where scaffolded code imports the RPC runtime from: the npm package, not a path into it. */
export const SCAFFOLD_RPC_IMPORT = "micro-ts/rpc";

export interface GenerateOptions {
  /** Generated code directory (default: `dir`/gen). */
  readonly out?: string;
  /** Default: ["ts"]. Handlers are kept in step only when "ts" is among them. */
  readonly targets?: readonly MicroTarget[];
  /** Module generated TypeScript imports the RPC runtime from (default: micro-ts/rpc). */
  readonly rpcImport?: string;
  /** What was done, one line each ("wrote gen/x_pb.ts", "up to date"). */
  readonly log?: (line: string) => void;
  /** Warnings (a method whose rpc is gone); default: `log`. */
  readonly warn?: (line: string) => void;
  /** Use the generator's response cache (default true). */
  readonly cache?: boolean;
}

export interface GenerateSummary {
  /** Generated files written because their bytes changed, relative to `dir`. */
  readonly written: string[];
  /** Rpcs that got a handler stub: "Greeter.Echo". */
  readonly added: string[];
  /** Handler methods whose rpc is no longer in the proto (kept): "Greeter.echo". */
  readonly removed: string[];
}

/** `micro generate` with its defaults, for `micro new`. */
export async function generateService(dir: string, options?: { log?: (line: string) => void }): Promise<GenerateSummary> {
  return generate(dir, { log: options?.log });
}

export async function generate(dir: string, options: GenerateOptions = {}): Promise<GenerateSummary> {
  const root = resolve(dir);
  const log = options.log ?? (() => {});
  const warn = options.warn ?? log;
  const targets = options.targets ?? ["ts"];
  for (const t of targets) {
    if (!(MICRO_TARGETS as readonly string[]).includes(t)) throw new CliError(`unknown target "${t}"; valid targets are: ${MICRO_TARGETS.join(", ")}`);
  }
  if (!isDir(root)) throw new CliError(`${dir}: no such directory`);
  const protoRoot = isDir(join(root, "proto")) ? join(root, "proto") : root;
  const out = options.out === undefined ? join(root, "gen") : resolve(options.out);
  const result = await runPipeline(protoRoot, out, targets, options);

  const written: string[] = [];
  for (const file of result.outputs) {
    const path = join(out, file.name);
    if (writeIfChanged(path, file.content)) {
      written.push(relative(root, path));
      log(`wrote ${display(path)}`);
    }
  }

  const added: string[] = [];
  const removed: string[] = [];
  const handlerDir = join(root, "handler");
  const micro = result.outputs.filter((f) => f.name.endsWith("_micro.ts"));
  if (targets.includes("ts") && micro.length > 0 && isDir(handlerDir)) {
    const { syncHandlers } = await import("./sync.js");
    const sync = syncHandlers({ handlerDir, out, protoRoot, descriptors: result.descriptors, outputs: micro });
    for (const change of sync) {
      if (change.text !== undefined && writeIfChanged(change.path, change.text)) {
        for (const a of change.added) log(`${display(change.path)}: added ${a.method}() for rpc ${a.rpc}`);
      }
      added.push(...change.added.map((a) => a.rpc));
      for (const x of change.extra) {
        warn(`${display(change.path)}: method ${x.method} has no rpc in ${display(join(protoRoot, x.protoFile))} (kept)`);
        removed.push(`${x.service}.${x.method}`);
      }
    }
  }
  if (written.length === 0 && added.length === 0) log("up to date");
  return { written, added, removed };
}

async function runPipeline(protoRoot: string, out: string, targets: readonly MicroTarget[], options: GenerateOptions) {
  try {
    return await generateFromDir({
      dir: protoRoot, out, targets, write: false, cache: options.cache,
      options: { rpc_import: options.rpcImport ?? SCAFFOLD_RPC_IMPORT },
    });
  } catch (err) {
    if (err instanceof ProtoParseError) throw new CliError(protoErrorLine(err, protoRoot));
    if (err instanceof GenerateError) throw new CliError(err.message.replace(/\s*\n\s*/g, " "));
    throw err;
  }
}

/** One line: the first problem as "proto/x.proto:4:3: message", and how many more there are. */
function protoErrorLine(err: ProtoParseError, protoRoot: string): string {
  const first = err.diagnostics.find((d) => d.file === err.file && d.line === err.line) ?? err.diagnostics[0];
  const path = existsSync(join(protoRoot, err.file)) ? display(join(protoRoot, err.file)) : err.file;
  const where = err.line > 0 ? `${path}:${err.line}${err.column === undefined ? "" : `:${err.column}`}` : path;
  const more = err.diagnostics.length > 1 ? ` (and ${err.diagnostics.length - 1} more)` : "";
  return `${where}: ${first?.message ?? err.message}${more}`;
}

/** Writes `content` unless the file already holds exactly these bytes (so its mtime stays). */
export function writeIfChanged(path: string, content: string): boolean {
  const bytes = Buffer.from(content, "utf8");
  if (existsSync(path) && readFileSync(path).equals(bytes)) return false;
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, bytes);
  return true;
}

/** Paths in messages are relative to where the user is. */
function display(path: string): string {
  return relative(process.cwd(), path) || ".";
}

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

// The protoc-gen-micro process: CodeGeneratorRequest on stdin, CodeGeneratorResponse on stdout.
// Like protoplugin's runNodeJs(), plus the response cache and an error response for unreadable input.
import { setFlagsFromString } from "node:v8";
import { cacheDirFromEnv } from "./cache.js";
import { runPluginBytes } from "./run-bytes.js";
import { PLUGIN_NAME, pluginVersion } from "./version.js";

export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  if (argv.length === 1 && (argv[0] === "--version" || argv[0] === "-v")) {
    process.stdout.write(`${PLUGIN_NAME} ${pluginVersion()}\n`);
    return;
  }
  if (argv.length !== 0) {
    process.stderr.write(`${PLUGIN_NAME} reads a CodeGeneratorRequest on stdin and writes a CodeGeneratorResponse ` +
      `to stdout; run it through protoc --micro_out=DIR or buf generate\n`);
    process.exitCode = 1;
    return;
  }
  // A plugin run is one batch that builds big outputs and exits: V8's default heap growth let garbage pile up to
  // about twice the live heap before collecting it — on compute.proto ~850 MB peak RSS against ~440 MB with this,
  // for about 2 s more CPU there (docs/codegen-performance.md). Set before anything big is allocated.
  setFlagsFromString("--optimize-for-size");
  try {
    const input = await readAll(process.stdin);
    const result = await runPluginBytes(input, { cacheDir: cacheDirFromEnv() });
    await new Promise<void>((resolve, reject) => process.stdout.write(result.response, (e) => (e ? reject(e) : resolve())));
    if (result.failure !== undefined) {
      process.stderr.write(`${PLUGIN_NAME}: ${result.failure}\n`);
      process.exitCode = 1;
    }
  } catch (e) {
    // Only I/O can get here (the plugin itself answers errors in the response): report it without a stack.
    process.stderr.write(`${PLUGIN_NAME}: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  }
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}

// `npm run sdk [lang...]`: regenerates the SDKs under sdk/ (see sdk-config.ts), the rendered part and the
// standard generators' part. Needs protoc, go, python3 (grpcio-tools) and friends; the Go protoc plugins and the
// Java generators are installed into the tools cache when missing (emit/sdk/tools.ts).
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { generateSdk, loadProtos } from "../emit/sdk/index.js";
import { sdkToolDir } from "../emit/sdk/tools.js";
import { SDK_PROTO_DIR, SDK_TARGETS } from "./sdk-config.js";

function sh(command: string, args: string[], cwd?: string, env?: NodeJS.ProcessEnv): void {
  const r = spawnSync(command, args, { cwd, env: env ?? process.env, stdio: "inherit" });
  if (r.status !== 0) throw new Error(`${command} ${args.join(" ")} failed (${r.error?.message ?? r.status})`);
}

const only = process.argv.slice(2);
const input = loadProtos(SDK_PROTO_DIR);
for (const target of SDK_TARGETS) {
  if (only.length > 0 && !only.includes(target.lang)) continue;
  const started = Date.now();
  const binDir = await sdkToolDir(target.lang);
  // Generated files only: hand-written tests and build caches in the SDK folders stay.
  const result = generateSdk(input, target.lang, target.out, { ...target, options: { binDir, ...target.options } });
  if (target.lang === "go") sh("go", ["mod", "tidy"], resolve(target.out));
  process.stdout.write(`${target.lang} → ${target.out}: ${result.rendered.length} rendered, ${result.generated.length} generated (${Date.now() - started} ms)\n`);
}


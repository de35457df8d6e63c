// Shared by the generator tests: fixtures, the three ways in (protoc, buf, generateFromDir), file trees.
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import type { CodeGeneratorRequest } from "@bufbuild/protobuf/wkt";
import { protobuf, wkt } from "../../generators/cjs/protobuf.js";
import { listProtoFiles } from "../../generators/proto-files.js";
import { buildModel, type Model } from "../../generators/model/index.js";
import { buildCodeGeneratorRequest } from "../../generators/request/index.js";
import { requireTools } from "../support/tools.js";

/** Repository root (tests run from dist/test/generators). */
export const REPO = fileURLToPath(new URL("../../../", import.meta.url));
export const PLUGIN_BIN = join(REPO, "bin", "protoc-gen-micro");
export const GOLDEN_DIR = join(REPO, "fixtures", "golden");
const BUF_BIN = join(REPO, "node_modules", ".bin", "buf");
/**
 * Searched last by protoc, as generateFromDir's parser does (its defaultIncludePaths()): the well-known types
 * then come from the same files on every way in, and protoc needs no libprotobuf-dev.
 */
const GOOGLE_PROTO_FILES = join(REPO, "node_modules", "google-proto-files");

export interface Fixture {
  readonly name: string;
  /** Root of the files to generate (their proto paths are relative to it). */
  readonly root: string;
  /** More import roots (not generated). */
  readonly includes: readonly string[];
  readonly files: readonly string[];
}

function fixture(name: string, root: string, includes: string[] = []): Fixture {
  return { name, root, includes, files: listProtoFiles(root) };
}

/** helloworld, kitchen-sink, and the server's own protos (proto/) once they exist. */
export function fixtures(): Fixture[] {
  const out = [
    fixture("helloworld", join(REPO, "fixtures", "helloworld")),
    fixture("kitchen-sink", join(REPO, "fixtures", "kitchen-sink"), [join(REPO, "fixtures", "third_party")]),
  ];
  const server = join(REPO, "proto");
  if (existsSync(server) && listProtoFiles(server).length > 0) out.push(fixture("server", server));
  return out;
}

/** A fresh directory under the repository's tmp/ (git-ignored), so generated code finds node_modules. */
export function tempDir(prefix: string): string {
  mkdirSync(join(REPO, "tmp"), { recursive: true });
  return mkdtempSync(join(REPO, "tmp", `${prefix}-`));
}

/** Environment for plugin processes: no response cache unless a test asks for one. */
export function pluginEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, MICRO_NO_CACHE: "1", ...extra };
  if (extra.MICRO_CACHE_DIR !== undefined) delete env.MICRO_NO_CACHE;
  return env;
}

function check(what: string, r: SpawnSyncReturns<Buffer>): void {
  if (r.error) throw new Error(`${what}: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${what} exited ${r.status}: ${r.stderr.toString()}`);
}

export function protocArgs(f: Fixture, out: string, parameter: string): string[] {
  const args = [`--plugin=protoc-gen-micro=${PLUGIN_BIN}`, `--micro_out=${out}`];
  if (parameter !== "") args.push(`--micro_opt=${parameter}`);
  args.push(...includeArgs(f), ...f.files.map((p) => join(f.root, p)));
  return args;
}

function includeArgs(f: Fixture): string[] {
  return [`-I${f.root}`, ...f.includes.map((i) => `-I${i}`), `-I${GOOGLE_PROTO_FILES}`];
}

export function runProtoc(f: Fixture, out: string, parameter = ""): SpawnSyncReturns<Buffer> {
  requireTools("protoc");
  mkdirSync(out, { recursive: true });
  return spawnSync("protoc", protocArgs(f, out, parameter), { env: pluginEnv() });
}

export function generateWithProtoc(f: Fixture, out: string, parameter = ""): void {
  check(`protoc (${f.name})`, runProtoc(f, out, parameter));
}

/** buf in a throw-away workspace: the fixture as module "src", each include as its own module. */
export function generateWithBuf(f: Fixture, out: string, parameter = ""): void {
  const ws = tempDir("buf-ws");
  try {
    cpSync(f.root, join(ws, "src"), { recursive: true });
    const modules = ["src"];
    f.includes.forEach((inc, i) => {
      cpSync(inc, join(ws, `inc${i}`), { recursive: true });
      modules.push(`inc${i}`);
    });
    writeFileSync(join(ws, "buf.yaml"), `version: v2\nmodules:\n${modules.map((m) => `  - path: ${m}\n`).join("")}`);
    const opt = parameter === "" ? "" : `    opt: ${JSON.stringify(parameter)}\n`;
    writeFileSync(join(ws, "buf.gen.yaml"), "version: v2\nplugins:\n" +
      `  - local: ["node", ${JSON.stringify(PLUGIN_BIN)}]\n    out: ${JSON.stringify(out)}\n${opt}    strategy: all\n`);
    check(`buf generate (${f.name})`,
      spawnSync(BUF_BIN, ["generate", "src"], { cwd: ws, env: pluginEnv() }));
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
}

/** A CodeGeneratorRequest for a fixture, built from protoc's descriptor set (for in-process tests). */
export function requestFor(f: Fixture, parameter = ""): CodeGeneratorRequest {
  requireTools("protoc");
  const dir = tempDir("set");
  try {
    const set = join(dir, "set.pb");
    check(`protoc --descriptor_set_out (${f.name})`, spawnSync("protoc", [
      `--descriptor_set_out=${set}`, "--include_imports", "--include_source_info",
      ...includeArgs(f), ...f.files.map((p) => join(f.root, p)),
    ]));
    const fds = protobuf.fromBinary(wkt.FileDescriptorSetSchema, readFileSync(set));
    return buildCodeGeneratorRequest(fds, f.files, parameter);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function generateWithDir(f: Fixture, out: string, parameter = ""): Promise<void> {
  // Imported on use: only the tests of the no-protoc way in need our .proto parser.
  const { generateFromDir } = await import("../../generators/generate.js");
  await generateFromDir({ dir: f.root, out, includePaths: [...f.includes], options: parameter, cache: false });
}

/** Every file below `dir`, by path relative to it ("/"-separated). */
export function readTree(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  if (!existsSync(dir)) return out;
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(relative(dir, p).split(sep).join("/"), readFileSync(p));
    }
  };
  walk(dir);
  return out;
}

/** Human-readable differences between two trees; empty when byte-identical. */
export function diffTrees(expected: Map<string, Buffer>, actual: Map<string, Buffer>): string[] {
  const problems: string[] = [];
  for (const [name, bytes] of expected) {
    const got = actual.get(name);
    if (!got) problems.push(`missing: ${name}`);
    else if (!got.equals(bytes)) problems.push(`differs: ${name} (${firstDifference(bytes, got)})`);
  }
  for (const name of actual.keys()) if (!expected.has(name)) problems.push(`unexpected: ${name}`);
  return problems.sort();
}

function firstDifference(a: Buffer, b: Buffer): string {
  const la = a.toString("utf8").split("\n"), lb = b.toString("utf8").split("\n");
  for (let i = 0; i < Math.max(la.length, lb.length); i++) {
    const x = la[i] ?? "", y = lb[i] ?? "";
    if (x === y) continue;
    let col = 0;
    while (x[col] === y[col]) col++;
    const around = (s: string) => JSON.stringify(s.slice(Math.max(0, col - 30), col + 30));
    return `line ${i + 1}, column ${col + 1}: expected …${around(x)}…, got …${around(y)}…`;
  }
  return "same lines, different bytes";
}

/** The model of a fixture, built the way the plugin builds it. */
export function modelFor(f: Fixture): Model {
  const request = requestFor(f);
  const registry = protobuf.createFileRegistry(protobuf.create(wkt.FileDescriptorSetSchema, { file: request.protoFile }));
  const allFiles = [...registry.files];
  const toGenerate = request.fileToGenerate.map((name) => allFiles.find((d) => d.proto.name === name)!);
  return buildModel(allFiles, toGenerate);
}

export function fixtureNamed(name: string): Fixture {
  const f = fixtures().find((x) => x.name === name);
  if (!f) throw new Error(`no fixture ${name}`);
  return f;
}

/** A fixture made on the fly from .proto sources, in a temp dir the caller removes. */
export function adHocFixture(name: string, sources: Record<string, string>, includes: string[] = []): Fixture {
  const root = tempDir(name);
  for (const [path, text] of Object.entries(sources)) {
    mkdirSync(join(root, path, ".."), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return { name, root, includes, files: listProtoFiles(root) };
}

export const THIRD_PARTY = join(REPO, "fixtures", "third_party");

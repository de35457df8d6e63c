// `micro generate`: a scaffolded service's protos → gen/ without protoc, only changed files written, and the
// handler kept in step (stubs for new rpcs, removed rpcs reported, user code untouched byte for byte).
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import Handlebars from "handlebars";
import { generateService } from "../../runtime/cli/generate/index.js";
import { runMicro, runShell, tempHome } from "./support/micro.js";

const REPO = fileURLToPath(new URL("../../../", import.meta.url));
const TEMPLATES = join(REPO, "templates", "new", "ts");
const VALUES = { name: "greeter", serviceName: "Greeter", protoPackage: "greeter", toolchain: "file:" + REPO, versions: {} };

/** What `micro new greeter` renders, before it generates: the templates with handlebars. */
async function scaffold(dir: string): Promise<void> {
  const entries = await readdir(TEMPLATES, { recursive: true, withFileTypes: true });
  for (const entry of entries.filter((e) => e.isFile())) {
    const template = join(entry.parentPath, entry.name);
    const rel = relative(TEMPLATES, template).replace(/\.hbs$/, "").split("/")
      .map((p) => (p === "gitignore" ? ".gitignore" : p.replace(/^name(?=[._]|$)/, "greeter"))).join("/");
    await mkdir(dirname(join(dir, rel)), { recursive: true });
    await writeFile(join(dir, rel), Handlebars.compile(await readFile(template, "utf8"), { noEscape: true })(VALUES));
  }
}

interface Fixture { dir: string; home: string; bin: string; marker: string; remove(): Promise<void> }

/** A scaffold in a temp dir, a HOME, and a PATH whose only `protoc` records that it ran and fails. */
async function fixture(): Promise<Fixture> {
  const root = await mkdtemp(join(tmpdir(), "micro-generate-"));
  const dir = join(root, "greeter");
  const bin = join(root, "bin");
  const marker = join(root, "protoc-ran");
  await scaffold(dir);
  await mkdir(bin);
  await writeFile(join(bin, "protoc"), `#!/bin/sh\ntouch '${marker}'\nexit 1\n`);
  await chmod(join(bin, "protoc"), 0o755);
  const h = await tempHome();
  return {
    dir, home: h.home, bin, marker,
    remove: async () => {
      await h.remove();
      await rm(root, { recursive: true, force: true });
    },
  };
}

/** `micro generate` run inside the service directory (paths in messages are relative to it). */
function generate(f: Fixture, ...args: string[]) {
  const quoted = args.map((a) => `'${a}'`).join(" ");
  return runShell(`cd '${f.dir}' && micro generate ${quoted}`, { home: f.home, env: { PATH: `${f.bin}:/bin:/usr/bin` } });
}

/** Path → [bytes, mtime] of every file below dir. */
async function snapshot(dir: string): Promise<Map<string, [string, number]>> {
  const out = new Map<string, [string, number]>();
  const walk = async (d: string) => {
    for (const e of await readdir(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.name === "node_modules") continue;
      if (e.isDirectory()) await walk(p);
      else out.set(relative(dir, p), [await readFile(p, "latin1"), (await stat(p)).mtimeMs]);
    }
  };
  await walk(dir);
  return out;
}

async function editProto(f: Fixture, edit: (text: string) => string): Promise<void> {
  const path = join(f.dir, "proto", "greeter.proto");
  await writeFile(path, edit(await readFile(path, "utf8")));
}

const handlerPath = (f: Fixture) => join(f.dir, "handler", "greeter.ts");

test("micro generate writes gen/ from proto/ without protoc; generated code imports micro-ts/rpc", async () => {
  const f = await fixture();
  try {
    const handlerBefore = await readFile(handlerPath(f), "utf8");
    const r = await generate(f);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(existsSync(f.marker), false, "protoc was never run");
    assert.deepEqual(r.stdout.trim().split("\n").sort(), ["wrote gen/greeter_micro.ts", "wrote gen/greeter_pb.ts"]);
    const micro = await readFile(join(f.dir, "gen", "greeter_micro.ts"), "utf8");
    assert.match(micro, /^export interface GreeterHandler \{$/m);
    assert.match(micro, /from "micro-ts\/rpc";$/m);
    assert.doesNotMatch(micro, /runtime\/rpc/);
    assert.match(await readFile(join(f.dir, "gen", "greeter_pb.ts"), "utf8"), /export type Request = Message<"greeter\.Request">/);
    assert.equal(await readFile(handlerPath(f), "utf8"), handlerBefore, "a complete handler is left alone");
  } finally {
    await f.remove();
  }
});

test("a second run changes no file (bytes and mtimes) and says up to date", async () => {
  const f = await fixture();
  try {
    assert.equal((await generate(f)).code, 0);
    const before = await snapshot(f.dir);
    await new Promise((r) => setTimeout(r, 20));
    const r = await generate(f);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.trim(), "up to date");
    assert.deepEqual(await snapshot(f.dir), before);
  } finally {
    await f.remove();
  }
});

// User code the sync must not touch: a comment, odd formatting, a helper; the original import lines stay too.
const CUSTOM_HANDLER = (text: string) => text
  .replace("export class Greeter", "// Greets people.  (spacing   kept)\nexport class Greeter")
  .replace(/\n\}\n$/, "\n\n  private   shout(s: string) { return s.toUpperCase() }  // helper\n}\n");

const NEW_RPCS = (text: string) => text
  .replace("package greeter;\n", 'package greeter;\n\nimport "google/protobuf/empty.proto";\n')
  .replace("\trpc PingPong(stream Ping) returns (stream Pong) {}\n",
    "\trpc PingPong(stream Ping) returns (stream Pong) {}\n\trpc Echo(EchoRequest) returns (Response) {}\n" +
    "\trpc Watch(google.protobuf.Empty) returns (stream Pong) {}\n\trpc Upload(stream Ping) returns (Response) {}\n")
  .concat("\nmessage EchoRequest {\n\tstring text = 1;\n}\n");

test("new rpcs (unary, server and client stream) get stubs; the rest of the handler is byte-identical; tsc passes", async () => {
  const f = await fixture();
  try {
    assert.equal((await generate(f)).code, 0);
    await writeFile(handlerPath(f), CUSTOM_HANDLER(await readFile(handlerPath(f), "utf8")));
    const original = await readFile(handlerPath(f), "utf8");
    const mainBefore = await readFile(join(f.dir, "main.ts"), "utf8");
    await editProto(f, NEW_RPCS);

    const r = await generate(f);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^handler\/greeter\.ts: added echo\(\) for rpc Greeter\.Echo$/m);
    assert.match(r.stdout, /^handler\/greeter\.ts: added watch\(\) for rpc Greeter\.Watch$/m);
    assert.match(r.stdout, /^handler\/greeter\.ts: added upload\(\) for rpc Greeter\.Upload$/m);
    assert.equal(r.stderr, "");

    const stubs = [
      "  async echo(request: EchoRequest): Promise<Reply<typeof ResponseSchema>> {",
      '    throw new MicroError("greeter", 501, "Greeter.Echo is not implemented");',
      "  }",
      "",
      "  async *watch(request: Empty): AsyncIterable<Reply<typeof PongSchema>> {",
      '    throw new MicroError("greeter", 501, "Greeter.Watch is not implemented");',
      "  }",
      "",
      "  async upload(requests: AsyncIterable<Ping>): Promise<Reply<typeof ResponseSchema>> {",
      '    throw new MicroError("greeter", 501, "Greeter.Upload is not implemented");',
      "  }",
    ].join("\n");
    // The exact expected file: the original with these insertions and nothing else.
    const expected = original
      .replace('import { logger } from "micro-ts";', 'import { logger, MicroError } from "micro-ts";')
      .replace('import type { Ping, Request, StreamingRequest } from "../gen/greeter_pb.js";',
        'import type { Ping, Request, StreamingRequest, EchoRequest, ResponseSchema, PongSchema } from "../gen/greeter_pb.js";\n' +
        'import type { Reply } from "micro-ts/rpc";\n' +
        'import type { Empty } from "@bufbuild/protobuf/wkt";')
      .replace(/\n\}\n$/, `\n\n${stubs}\n}\n`);
    assert.notEqual(expected, original);
    assert.equal(await readFile(handlerPath(f), "utf8"), expected);
    assert.equal(await readFile(join(f.dir, "main.ts"), "utf8"), mainBefore);

    await typecheck(f.dir);
    const again = await generate(f);
    assert.equal(again.stdout.trim(), "up to date", "stubs count as implemented");
  } finally {
    await f.remove();
  }
});

test("an rpc removed from the proto is reported and its method kept", async () => {
  const f = await fixture();
  try {
    assert.equal((await generate(f)).code, 0);
    const handler = await readFile(handlerPath(f), "utf8");
    await editProto(f, (t) => t.replace(/\t\/\/ Stream sends count responses\.\n\trpc Stream\(.*\n/, ""));
    const r = await generate(f);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, "handler/greeter.ts: method stream has no rpc in proto/greeter.proto (kept)\n");
    assert.equal(await readFile(handlerPath(f), "utf8"), handler);
    assert.doesNotMatch(await readFile(join(f.dir, "gen", "greeter_micro.ts"), "utf8"), /stream\(request/);
  } finally {
    await f.remove();
  }
});

const BROKEN: { what: string; edit: (t: string) => string; error: RegExp }[] = [
  { what: "syntax error", edit: (t) => t.replace("string name = 1;", "string name = 1"), error: /^proto\/greeter\.proto:19:1: Expected ";"\.$/ },
  // Columns count a tab as a move to the next multiple of 8, as protoc does.
  { what: "unknown type", edit: (t) => t.replace("rpc Call(Request)", "rpc Call(Nope)"), error: /^proto\/greeter\.proto:8:18: "Nope" is not defined\.$/ },
  { what: "missing import", edit: (t) => t.replace("package greeter;", 'package greeter;\nimport "nowhere/missing.proto";'), error: /^proto\/greeter\.proto:4:1: .*nowhere\/missing\.proto/ },
];

for (const c of BROKEN) {
  test(`a proto ${c.what} prints one file:line line, exits non-zero and writes nothing`, async () => {
    const f = await fixture();
    try {
      assert.equal((await generate(f)).code, 0);
      const before = await snapshot(join(f.dir, "gen"));
      await editProto(f, c.edit);
      const r = await generate(f);
      assert.notEqual(r.code, 0);
      assert.equal(r.stderr.trimEnd().split("\n").length, 1, r.stderr);
      assert.match(r.stderr.trimEnd(), c.error);
      assert.deepEqual(await snapshot(join(f.dir, "gen")), before);
    } finally {
      await f.remove();
    }
  });
}

test("without proto/, every .proto under DIR; --out and --targets; unknown targets are refused", async () => {
  const f = await fixture();
  try {
    const dir = join(f.dir, "..", "plain");
    await mkdir(join(dir, "api", "v1"), { recursive: true });
    await writeFile(join(dir, "api", "v1", "thing.proto"),
      'syntax = "proto3";\npackage api.v1;\nservice Things { rpc Get(GetRequest) returns (GetRequest); }\nmessage GetRequest { string id = 1; }\n');
    const out = join(dir, "generated");
    const r = await runMicro(["generate", dir, "--out", out, "--targets", "ts,cli"], { home: f.home });
    assert.equal(r.code, 0, r.stderr);
    const files = (await readdir(out, { recursive: true })).map(String).filter((p) => p.includes(".")).sort();
    assert.deepEqual(files, ["api/v1/thing_Things.cli.json", "api/v1/thing_micro.ts", "api/v1/thing_pb.ts"]);
    const bad = await runMicro(["generate", dir, "--targets", "ts,nope"], { home: f.home });
    assert.notEqual(bad.code, 0);
    assert.match(bad.stderr, /unknown target "nope"; valid targets are: ts, cli, routes/);
  } finally {
    await f.remove();
  }
});

test("generateService() (what micro new calls) reports written files, then nothing", async () => {
  const f = await fixture();
  try {
    const lines: string[] = [];
    const first = await generateService(f.dir, { log: (l) => lines.push(l) });
    assert.deepEqual([...first.written].sort(), ["gen/greeter_micro.ts", "gen/greeter_pb.ts"]);
    assert.deepEqual(first.added, []);
    assert.deepEqual(first.removed, []);
    assert.equal(lines.length, 2);
    const second = await generateService(f.dir);
    assert.deepEqual(second, { written: [], added: [], removed: [] });
  } finally {
    await f.remove();
  }
});

/**
 * `tsc --noEmit` on the service with the repository's TypeScript; node_modules links micro-ts to this checkout
 * (its exports point at dist/) and the protobuf and node types to the repository's copies.
 */
async function typecheck(dir: string): Promise<void> {
  await mkdir(join(dir, "node_modules"), { recursive: true });
  await symlink(REPO, join(dir, "node_modules", "micro-ts"));
  await symlink(join(REPO, "node_modules", "@bufbuild"), join(dir, "node_modules", "@bufbuild"));
  await symlink(join(REPO, "node_modules", "@types"), join(dir, "node_modules", "@types"));
  const tsc = join(REPO, "node_modules", "typescript", "bin", "tsc");
  const { code, output } = await new Promise<{ code: number | null; output: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [tsc, "-p", dir, "--noEmit"], { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("error", reject);
    child.on("close", (c) => resolve({ code: c, output }));
  });
  assert.equal(code, 0, `tsc --noEmit failed:\n${output}`);
}

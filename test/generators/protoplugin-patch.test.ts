// patches/@bufbuild+protoplugin+<version>.patch (applied by npm's postinstall, scripts/apply-patches.mjs): it must
// match the installed version, be applied, apply cleanly to the pristine package, and do what it is for — each
// file's names computed once and its source_code_info indexed once, not rescanned per element (which made code
// generation quadratic in the size of a file). Counted by reads of the descriptors, never timed.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import type { DescFile, DescMessage } from "@bufbuild/protobuf";
import type { FileDescriptorProto, SourceCodeInfo_Location } from "@bufbuild/protobuf/wkt";
import { protobuf, wkt } from "../../generators/cjs/protobuf.js";
import { protoplugin } from "../../generators/cjs/protoplugin.js";
import { requireTools } from "../support/tools.js";

const REPO = fileURLToPath(new URL("../../../", import.meta.url));
const require = createRequire(import.meta.url);
const PLUGIN_DIR = dirname(dirname(dirname(require.resolve("@bufbuild/protoplugin")))); // …/dist/cjs/index.js
const VERSION: string = JSON.parse(readFileSync(join(PLUGIN_DIR, "package.json"), "utf8")).version;
const PATCH = join(REPO, "patches", `@bufbuild+protoplugin+${VERSION}.patch`);
// Not exported by protoplugin; the same module instance protoplugin's GeneratedFile uses (same directory, CJS).
const names: { generatedShapeName(d: DescMessage): string; generatedDescName(d: DescMessage): string } =
  require(join(PLUGIN_DIR, "dist", "cjs", "names.js"));

function git(cwd: string, ...args: string[]): { ok: boolean; out: string } {
  const r = spawnSync("git", args, { cwd, encoding: "utf8" });
  return { ok: r.status === 0, out: `${r.stdout}${r.stderr}` };
}

describe("protoplugin patch", () => {
  test("there is a patch for the installed version, it is applied, and it applies to the pristine package", () => {
    requireTools("git");
    const patches = readdirSync(join(REPO, "patches")).filter((f) => f.startsWith("@bufbuild+protoplugin+"));
    assert.deepEqual(patches, [`@bufbuild+protoplugin+${VERSION}.patch`],
      `patches/ must hold exactly one protoplugin patch, for the installed ${VERSION} (remake it with patch-package)`);
    const work = mkdtempSync(join(tmpdir(), "micro-patch-"));
    try {
      cpSync(PLUGIN_DIR, join(work, "node_modules", "@bufbuild", "protoplugin"), { recursive: true });
      // Undoing it must succeed (so the installed copy is patched), then it must apply again to what is left.
      const undo = git(work, "apply", "-R", PATCH);
      assert.ok(undo.ok, `the installed @bufbuild/protoplugin is not patched (run npm install): ${undo.out}`);
      const redo = git(work, "apply", "--check", PATCH);
      assert.ok(redo.ok, `the patch does not apply to pristine @bufbuild/protoplugin ${VERSION}: ${redo.out}`);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });

  test("a file's names are computed once, however many are asked for", () => {
    const file = bigFile(200);
    let reads = 0;
    const messages = file.messages;
    Object.defineProperty(file, "messages", { get: () => (reads++, messages) });
    const shapes = messages.map((m) => names.generatedShapeName(m));
    const descs = messages.map((m) => names.generatedDescName(m));
    assert.equal(shapes[7], "M7");
    assert.equal(descs[7], "M7Schema");
    assert.equal(new Set([...shapes, ...descs]).size, 400);
    // Unpatched: every call walks the file's types four times (800+ reads here).
    assert.ok(reads <= 8, `file.messages read ${reads} times for 400 names`);
  });

  test("source_code_info is scanned once for all comments, the first location of a path wins, changes are seen", () => {
    const file = bigFile(200);
    const info = file.proto.sourceCodeInfo!;
    let scans = 0;
    const counted = (list: SourceCodeInfo_Location[]) => new Proxy(list, {
      get(target, key, receiver) {
        if (key === Symbol.iterator) scans++;
        return Reflect.get(target, key, receiver);
      },
    });
    info.location = counted(info.location);
    const comments = file.messages.map((m) => protoplugin.getComments(m));
    assert.equal(comments[5]!.leading, " first of M5\n");
    assert.equal(comments[5]!.trailing, undefined);
    assert.deepEqual(comments[5]!.sourcePath, [4, 5]);
    // Unpatched: a scan per element (200 here).
    assert.ok(scans <= 2, `source_code_info.location scanned ${scans} times for 200 elements`);

    // A location added later is found (the index notices the list changed).
    const loc = protobuf.create(wkt.SourceCodeInfo_LocationSchema, { path: [4, 5, 2, 0], leadingComments: " added\n" });
    info.location = counted([...info.location, loc]);
    assert.equal(protoplugin.getComments(file.messages[5]!.fields[0]!).leading, " added\n");
  });
});

/** A proto3 file of n messages, each with one field and a leading comment; message i's path is also given a later
 *  duplicate location, which must not win. */
function bigFile(n: number): DescFile {
  const location: SourceCodeInfo_Location[] = [];
  const messageType = [];
  for (let i = 0; i < n; i++) {
    messageType.push({ name: `M${i}`, field: [{ name: "f", number: 1, type: 9, label: 1, jsonName: "f" }] });
    location.push(protobuf.create(wkt.SourceCodeInfo_LocationSchema, { path: [4, i], leadingComments: ` first of M${i}\n` }));
  }
  for (let i = 0; i < n; i++) {
    location.push(protobuf.create(wkt.SourceCodeInfo_LocationSchema, { path: [4, i], leadingComments: " second\n" }));
  }
  const proto: FileDescriptorProto = protobuf.create(wkt.FileDescriptorProtoSchema, {
    name: "big.proto", package: "big", syntax: "proto3", messageType, sourceCodeInfo: { location },
  });
  return protobuf.createFileRegistry(proto, () => undefined).getFile("big.proto")!;
}

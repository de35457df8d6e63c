// The generated CLI table is the contract: a running service's command table, read from the platform with
// `micro <service> [<endpoint>] --help --output json`, equals the `*.cli.json` that protoc-gen-micro's `cli`
// target writes for the same proto — help from the proto comments included, which the service registers itself
// (the descriptor protoc-gen-es embeds has none). helloworld runs from its checked-in generated code; the
// kitchen-sink (nested messages, enums, maps, repeated, oneofs, proto2 defaults, imports from another package)
// from protoc's descriptors stripped of their comments, with the comments as the generated `_micro.ts` adds them.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { create, createFileRegistry, fromBinary, toBinary, type DescService } from "@bufbuild/protobuf";
import { FileDescriptorSetSchema } from "@bufbuild/protobuf/wkt";
import type { ServiceDef, ServiceImpl } from "../../runtime/rpc/types.js";
import { commentsOf } from "../../generators/emit/ts/comments.js";
import { protobuf, wkt } from "../../generators/cjs/protobuf.js";
import { HelloworldService } from "../gen/helloworld_micro.js";
import { helloworldImpl } from "./support/services.js";
import { startPlatform, type Platform } from "./support/platform.js";
import { adminHome } from "./support/login.js";
import { runMicro } from "./support/micro.js";
import { fixtureNamed, GOLDEN_DIR, requestFor } from "../generators/helpers.js";

let platform: Platform;
let home: { home: string; remove(): Promise<void> };
const micro = (...args: string[]) => runMicro(args, { home: home.home, port: platform.port });
const golden = (path: string) => JSON.parse(readFileSync(join(GOLDEN_DIR, path), "utf8")) as { commands: unknown[] };

async function table(...args: string[]): Promise<unknown> {
  const r = await micro(...args, "--help", "--output", "json");
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout);
}

before(async () => {
  platform = await startPlatform();
  home = await adminHome(platform.port);
});

after(async () => {
  await home?.remove();
  await platform?.close();
});

test("helloworld's command table, read from the running platform, is the golden helloworld_Helloworld.cli.json", async () => {
  await platform.startService("helloworld", HelloworldService, helloworldImpl);
  const expected = golden("helloworld/cli/helloworld_Helloworld.cli.json");
  assert.deepEqual(await table("helloworld"), [expected]);
  assert.deepEqual(await table("helloworld", "message"), expected.commands[1], "one command's entry");
});

test("the kitchen-sink's command tables, read from the running platform, are the golden shop_Catalog/shop_Orders.cli.json", async () => {
  const request = requestFor(fixtureNamed("kitchen-sink"));
  const withComments = createFileRegistry(fromBinary(FileDescriptorSetSchema,
    protobuf.toBinary(wkt.FileDescriptorSetSchema, protobuf.create(wkt.FileDescriptorSetSchema, { file: request.protoFile }))));
  const shop = withComments.getFile("acme/shop/v1/shop.proto")!;
  // what protoc-gen-es embeds: the descriptors without source_code_info
  const bare = fromBinary(FileDescriptorSetSchema, toBinary(FileDescriptorSetSchema,
    create(FileDescriptorSetSchema, { file: [...withComments.files].map((f) => f.proto) })));
  bare.file.forEach((f) => (f.sourceCodeInfo = undefined));
  const registry = createFileRegistry(bare);
  const comments = commentsOf(shop);
  assert.ok(comments.length > 0, "the fixture has comments to register");
  const def = (name: string): ServiceDef => ({ desc: registry.getService(`acme.shop.v1.${name}`)!, methods: {}, comments });
  const impl = (desc: DescService) => Object.fromEntries(desc.methods.map((m) => [m.localName, () => ({})])) as unknown as ServiceImpl<DescService>;
  const catalog = def("Catalog"), orders = def("Orders");
  // both proto services under the one name the generator assumes for a file: its package
  await platform.startServices("acme.shop.v1", [catalog, orders].map((d) => ({ def: d, impl: impl(d.desc) })));
  assert.deepEqual(await table("acme.shop.v1"), [
    golden("kitchen-sink/cli/acme/shop/v1/shop_Catalog.cli.json"), golden("kitchen-sink/cli/acme/shop/v1/shop_Orders.cli.json"),
  ]);
});

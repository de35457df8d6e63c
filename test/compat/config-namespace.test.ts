// Config as Micro 3.0's CLI calls it: the account's own namespace named in the request while the call's header
// names the CLI's issuer ("micro") — allowed for the account's own namespace only, never another's, whatever the
// header says; and nothing there is "Not found", Micro 3.0's wording.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Config } from "../../runtime/gen/config/config_pb.js";
import { createClient, createGrpcTransport, type Metadata } from "../../runtime/rpc/index.js";
import { withServer, type TestServer } from "../support/server.js";
import { microError } from "../support/errors.js";
import { tenantMetadata } from "../server/support/tenant.js";

const configAs = (server: TestServer, md: Metadata) =>
  createClient(Config, createGrpcTransport({ address: server.proxyAddress, metadata: () => md }));
const value = (data: string) => ({ data, format: "json" });

test("config: an account names its own namespace in the request under another header; Not found", async () => {
  await withServer(async (server) => {
    const tenant = await tenantMetadata(server, "random");
    const asMicro3Cli = configAs(server, { ...tenant, "micro-namespace": "micro" });
    const admin = configAs(server, await server.adminMetadata("micro"));
    await admin.set({ path: "somekey", value: value('"of micro"') });

    // nothing set in its namespace yet: Micro 3.0's wording
    await assert.rejects(asMicro3Cli.get({ namespace: "random", path: "somekey" }), microError(404, /^Not found$/));
    await asMicro3Cli.set({ namespace: "random", path: "somekey", value: value('"of random"') });
    assert.equal((await asMicro3Cli.get({ namespace: "random", path: "somekey" })).value?.data, '"of random"');
    assert.equal((await asMicro3Cli.read({ namespace: "random", path: "somekey" })).change?.changeSet?.data, '"of random"');
    await asMicro3Cli.delete({ namespace: "random", path: "somekey" });
    await assert.rejects(asMicro3Cli.read({ namespace: "random", path: "somekey" }), microError(404, /^Not found$/));

    // the header's namespace, or any other named one, stays out of reach
    await assert.rejects(asMicro3Cli.get({ path: "somekey" }), microError(403, /access to namespace micro denied/));
    await assert.rejects(asMicro3Cli.get({ namespace: "micro", path: "somekey" }), microError(403, /access to namespace micro denied/));
    await assert.rejects(asMicro3Cli.set({ namespace: "micro", path: "x", value: value("1") }), microError(403));
    await assert.rejects(asMicro3Cli.delete({ namespace: "micro", path: "somekey" }), microError(403));
    const other = await tenantMetadata(server, "other");
    await assert.rejects(configAs(server, other).get({ namespace: "random", path: "somekey" }), microError(403));
    await assert.rejects(configAs(server, { ...other, "micro-namespace": "random" }).get({ path: "somekey" }), microError(403));
    // anonymous: refused at the door
    await assert.rejects(configAs(server, { "micro-namespace": "random" }).get({ namespace: "random", path: "somekey" }), microError(401));
    assert.equal((await admin.get({ path: "somekey" })).value?.data, '"of micro"');
  });
});

// Failed logins are also counted per client address, across accounts: spraying guesses over many accounts from
// one address gets that address refused for a while. The address is what the server's front doors saw — the
// proxy and the gateway write the micro-peer header themselves, replacing whatever a client sends.
import { test } from "node:test";
import assert from "node:assert/strict";
import { refusedWith, startPlatform as startAuthPlatform } from "./harness.js";
import { startPlatform } from "../cli/support/platform.js";
import { helloworldImpl } from "../cli/support/services.js";
import { Helloworld } from "../gen/helloworld_pb.js";
import { createClient, createGrpcTransport } from "../../runtime/rpc/index.js";
import { PEER_HEADER } from "../../runtime/auth/ratelimit.js";

test("guesses spread over accounts from one peer block that peer, not others, even with a right secret", async () => {
  const p = await startAuthPlatform({ peerLimits: { maxFailures: 3, windowMs: 60_000, blockMs: 60_000 } });
  try {
    const from = (peer: string) => p.as({ [PEER_HEADER]: peer });
    for (const id of ["alice", "bob", "carol"]) await assert.rejects(from("10.0.0.1").auth.login(id, "guess-1234"), refusedWith(401));
    await assert.rejects(from("10.0.0.1").auth.login("admin", "micro"), refusedWith(429), "the peer is blocked across accounts");
    assert.ok((await from("10.0.0.2").auth.login("admin", "micro")).accessToken, "another peer is not");
    // each account saw one failure only: far from its own limit
    assert.ok((await p.as().auth.login("admin", "micro")).accessToken);
  } finally {
    await p.close();
  }
});

test("the proxy and the gateway tell services the client's address, whatever the client claims", async () => {
  const platform = await startPlatform();
  try {
    await platform.startService("helloworld", Helloworld, {
      ...helloworldImpl,
      call: (_req, ctx) => ({ msg: ctx.metadata[PEER_HEADER] ?? "none" }),
    });
    const loopback = /^(::ffff:)?127\.0\.0\.1$/;
    const viaProxy = createClient(Helloworld, createGrpcTransport({
      address: platform.server.proxyAddress,
      metadata: () => ({ "micro-namespace": "micro", "micro-service": "helloworld", [PEER_HEADER]: "6.6.6.6" }),
    }));
    assert.match((await viaProxy.call({ name: "x" })).msg, loopback);
    const res = await fetch(`http://${platform.server.apiAddress}/helloworld?name=x`, {
      headers: { "Micro-Namespace": "micro", [PEER_HEADER]: "6.6.6.6" },
    });
    assert.equal(res.status, 200, await res.clone().text());
    assert.match(((await res.json()) as { msg: string }).msg, loopback);
  } finally {
    await platform.close();
  }
});

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
import { peerAddress, trustedProxies } from "../../runtime/proxy/peer.js";

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
      headers: { "Micro-Namespace": "micro", [PEER_HEADER]: "6.6.6.6", "X-Forwarded-For": "6.6.6.6" },
    });
    assert.equal(res.status, 200, await res.clone().text());
    assert.match(((await res.json()) as { msg: string }).msg, loopback);
  } finally {
    await platform.close();
  }
});

test("X-Forwarded-For counts only as far as proxies the operator trusts vouch for it", () => {
  const none = trustedProxies({});
  const lb = trustedProxies({ MICRO_TRUSTED_PROXIES: "10.0.0.9, 10.0.0.8" });
  assert.equal(peerAddress("10.0.0.9", "6.6.6.6", none), "10.0.0.9", "no trusted proxy: the socket's address");
  assert.equal(peerAddress("::ffff:10.0.0.9", "203.0.113.7", lb), "203.0.113.7", "behind a trusted balancer: its client");
  assert.equal(peerAddress("10.0.0.9", "6.6.6.6, 203.0.113.7, 10.0.0.8", lb), "203.0.113.7", "what the client wrote itself is skipped");
  assert.equal(peerAddress("10.0.0.9", ["6.6.6.6", "10.0.0.8"], lb), "6.6.6.6", "repeated headers read as one list");
  assert.equal(peerAddress("10.0.0.7", "203.0.113.7", lb), "10.0.0.7", "an untrusted socket's header is ignored");
  assert.equal(peerAddress(undefined, undefined, none), "unknown");
});

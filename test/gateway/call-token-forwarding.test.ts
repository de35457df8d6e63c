// Which credential a front door forwards with an anonymous call (proxy/resolver.ts isMicroV3Node): the call token
// to services that may verify it (ours, the SDKs'), nothing to a service of Micro 3.0's framework (which could only
// inspect it with an RPC per call) — and never the caller's own unproven header. A real account's token travels on.
import { test } from "node:test";
import assert from "node:assert/strict";
import type * as http from "node:http";
import { Resolver, isMicroV3Node } from "../../runtime/proxy/resolver.js";
import { metadataFrom } from "../../runtime/gateway/metadata.js";
import type { Registry, RegistryService } from "../../runtime/registry/types.js";

/** Micro 3.0's gRPC server's node metadata (service/server/grpc: broker, registry, server, transport, protocol). */
const V3 = { broker: "service", registry: "service", server: "grpc", transport: "grpc", protocol: "grpc" };
const OURS = { transport: "grpc", protocol: "grpc" };

function registryOf(nodes: Record<string, string>[]): Registry {
  const service = { name: "helloworld", version: "latest", metadata: {}, endpoints: [],
    nodes: nodes.map((metadata, i) => ({ id: `n${i}`, address: `127.0.0.1:${1000 + i}`, metadata })) } as unknown as RegistryService;
  return { getService: async () => [service] } as unknown as Registry;
}

test("Micro 3.0's framework nodes are told apart by the metadata its server writes", () => {
  assert.equal(isMicroV3Node(V3), true);
  assert.equal(isMicroV3Node(OURS), false);
  assert.equal(isMicroV3Node({ ...V3, broker: undefined as unknown as string }), false);
  assert.equal(isMicroV3Node(undefined), false);
});

test("a service gets call tokens unless every instance is Micro 3.0's framework", async () => {
  const resolve = (nodes: Record<string, string>[]) => new Resolver(registryOf(nodes)).resolve("helloworld", "micro");
  assert.equal((await resolve([OURS]))?.verifiesTokens, true);
  assert.equal((await resolve([V3]))?.verifiesTokens, false);
  assert.equal((await resolve([V3, OURS]))?.verifiesTokens, true, "mixed: the call token, or ours would refuse the call");
});

test("the gateway's metadata: call token, nothing, or the caller's own token", () => {
  const req = (headers: Record<string, string>) => ({ headers, socket: { remoteAddress: "127.0.0.1" } }) as unknown as http.IncomingMessage;
  const anonymousWithJunk = req({ authorization: "Bearer not-a-token" });
  assert.equal(metadataFrom(anonymousWithJunk, "micro", "r1", "not-a-token", "CALL", true).authorization, "Bearer CALL");
  assert.equal(metadataFrom(anonymousWithJunk, "micro", "r1", "not-a-token", "CALL", false).authorization, undefined,
    "an unproven header never reaches the service");
  // an account's token (no credential from the door) travels as it came, whatever the service
  assert.equal(metadataFrom(req({ authorization: "Bearer REAL" }), "micro", "r1", "REAL", undefined, false).authorization, "Bearer REAL");
});

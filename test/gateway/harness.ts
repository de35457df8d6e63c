// Gateway test harness: a real registry, real gRPC services on loopback ports registered in it (with endpoint
// metadata and descriptors, exactly as the framework registers them), and the gateway on a free port.
import type { DescService } from "@bufbuild/protobuf";
import * as http from "node:http";
import { once } from "node:events";
import { setTimeout as sleep } from "node:timers/promises";
import { MemoryRegistry } from "../../runtime/registry/memory.js";
import { DESCRIPTOR_KEY, describeEndpoints, encodeDescriptor } from "../../runtime/registry/describe.js";
import { Resolver } from "../../runtime/proxy/resolver.js";
import { createGateway, type GatewayOptions } from "../../runtime/gateway/index.js";
import { RpcServer, defineService, MicroError, type ServiceDef, type ServiceImpl } from "../../runtime/rpc/index.js";
import { Helloworld } from "../gen/helloworld_pb.js";
import { Kitchen } from "./gen/kitchen_pb.js";

export interface Handler<S extends DescService = DescService> { def: ServiceDef<S>; impl: ServiceImpl<S> }

export interface Harness {
  base: string;
  port: number;
  registry: MemoryRegistry;
  /** Access log lines written so far. */
  logs: string[];
  /** Serves handlers on a new gRPC server and registers it as `name` in `namespace`; returns its address. */
  host(name: string, namespace: string, handlers: Handler<any>[]): Promise<string>;
  /** Registers an instance at an address where nothing listens. */
  registerDead(name: string, namespace: string, handlers: Handler<any>[]): Promise<void>;
}

export function helloworld(tag = ""): Handler<typeof Helloworld> {
  return {
    def: defineService(Helloworld),
    impl: {
      call: (req) => ({ msg: `Hello ${req.name}${tag}` }),
      message: (req) => ({ msg: `Message for ${req.name}${tag}` }),
      async *stream(req) { for (let i = 0n; i < req.count; i++) yield { count: i }; },
      async *pingPong(reqs) { for await (const p of reqs) yield { stroke: p.stroke }; },
    },
  };
}

// Its google.api.http bindings are in kitchen.proto, so the gateway routes them from the descriptor it registers.
export const kitchenDef = defineService(Kitchen);

export function kitchen(): Handler<typeof Kitchen> {
  return {
    def: kitchenDef,
    impl: {
      echo: (req) => req,
      async slow(req, ctx) {
        await sleep(req.small, undefined, { signal: ctx.signal }).catch(() => undefined);
        return req;
      },
      blank: () => ({}),
      fail: (req) => { throw new MicroError("kitchen", req.small, `failed with ${req.small} on purpose`); },
      async *chunks(req) {
        for (let i = 0; i < req.small; i++) yield { label: `chunk ${i}`, size: i };
        if (req.flag) throw new MicroError("kitchen", 409, "stream failed on purpose");
      },
      async collect(reqs) {
        const tags: string[] = [];
        for await (const inner of reqs) tags.push(inner.label);
        return { tags };
      },
      async *chat(reqs) { for await (const inner of reqs) yield { label: inner.label, size: inner.size * 2 }; },
    },
  };
}

function registration(name: string, address: string, handlers: Handler[]) {
  const defs = handlers.map((h) => h.def);
  return {
    name, version: "latest",
    metadata: { [DESCRIPTOR_KEY]: encodeDescriptor(defs) },
    endpoints: defs.flatMap(describeEndpoints),
    nodes: [{ id: `${name}-${address}`, address, metadata: {} }],
  };
}

export async function withGateway<T>(fn: (h: Harness) => Promise<T>, options: Partial<GatewayOptions> = {}): Promise<T> {
  const registry = new MemoryRegistry();
  const servers: RpcServer[] = [];
  const logs: string[] = [];
  const gateway = createGateway({ registry, resolver: new Resolver(registry), version: "test-1", log: (t) => logs.push(...t.split("\n")), ...options });
  gateway.listen(0, "127.0.0.1");
  await once(gateway, "listening");
  const port = (gateway.address() as { port: number }).port;
  const harness: Harness = {
    base: `http://127.0.0.1:${port}`,
    port,
    registry,
    logs,
    async host(name, namespace, handlers) {
      const server = new RpcServer();
      for (const h of handlers) server.add(h.def, h.impl, { name });
      servers.push(server);
      const address = `127.0.0.1:${await server.listen("127.0.0.1", 0)}`;
      await registry.register(registration(name, address, handlers), { domain: namespace });
      return address;
    },
    async registerDead(name, namespace, handlers) {
      const probe = http.createServer().listen(0, "127.0.0.1");
      await once(probe, "listening");
      const address = `127.0.0.1:${(probe.address() as { port: number }).port}`;
      await new Promise((r) => probe.close(r));
      await registry.register(registration(name, address, handlers), { domain: namespace });
    },
  };
  try {
    return await fn(harness);
  } finally {
    gateway.closeAllConnections();
    await new Promise((r) => gateway.close(r));
    await Promise.all(servers.map((s) => s.close(100)));
    registry.close();
  }
}

/** fetch that returns status, headers and parsed JSON (or text). A string body without a Content-Type goes as
 * application/json (fetch would label it text/plain, which the gateway refuses with 415). */
export async function call(base: string, path: string, init: RequestInit = {}): Promise<{ status: number; headers: Headers; json: any; text: string }> {
  if (typeof init.body === "string" && !new Headers(init.headers).has("content-type")) {
    init = { ...init, headers: { ...Object.fromEntries(new Headers(init.headers)), "content-type": "application/json" } };
  }
  const res = await fetch(base + path, init);
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, json, text };
}

/** A request through node:http, which (unlike fetch) may set the Host header. */
export function request(port: number, path: string, headers: Record<string, string> = {}, method = "GET", body?: string): Promise<{ status: number; json: any; text: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, path, method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        let json: unknown;
        try { json = text ? JSON.parse(text) : undefined; } catch { json = undefined; }
        resolve({ status: res.statusCode ?? 0, json, text, headers: res.headers });
      });
    });
    req.on("error", reject);
    req.end(body);
  });
}

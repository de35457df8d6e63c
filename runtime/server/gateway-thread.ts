// One gateway thread (started by gateway-threads.ts): the API gateway as server.ts builds it — gRPC-Web on the same
// port, builtins resolved to this server's internal address — on its own copy of the listening socket, with its own
// event loop and HTTP/2 sessions. Admission and the registry are the main thread's, asked for by message.
import { parentPort, workerData } from "node:worker_threads";
import type { AdmitRequest } from "../auth/index.js";
import { createGateway } from "../gateway/index.js";
import { SessionPool } from "../proxy/h2-pool.js";
import { grpcWebHandler } from "../proxy/grpc-web.js";
import { Resolver } from "../proxy/resolver.js";
import { DEFAULT_DOMAIN, type Registry, type RegistryService } from "../registry/types.js";
import { MicroError } from "../rpc/errors.js";
import { bindAttachesAsyncResource, installLeanAsyncResourceBind } from "./async-resource-bind.js";
import { BulkAccept, COPIES } from "./bulk-accept.js";
import { gatewayAdmission, type Admitted, type GatewayThreadData, type ThreadAnswer, type ThreadMessage, type ThreadRequest } from "./gateway-threads.js";
import { relayMcp } from "./mcp-relay.js";
import { copiesOfDescriptor } from "./socket-copies.js";

type Question = ThreadRequest extends infer R ? R extends { id: number } ? Omit<R, "id"> : never : never;

/** Asks the main thread; answers come back by id. */
class MainThread {
  private next = 1;
  private readonly pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();

  constructor(private readonly port: NonNullable<typeof parentPort>) {}

  ask<T>(question: Question): Promise<T> {
    const id = this.next++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.port.postMessage({ id, ...question } as ThreadMessage);
    });
  }

  settle(answer: Extract<ThreadAnswer, { id: number }>): void {
    const waiting = this.pending.get(answer.id);
    if (!waiting) return;
    this.pending.delete(answer.id);
    const e = answer.error;
    if (!e) return waiting.resolve(answer.value);
    waiting.reject("code" in e ? MicroError.from(e) : new Error(e.detail));
  }
}

/** How long an answer of the registry is kept at most, should word of a change never come. */
const KEEP_MS = 1000;
const MAX_KEPT = 10_000;

/** The main thread's registry, read-only. Answers are kept until the registry changes (or for KEEP_MS); an empty
 * answer is never kept, so a service registered a moment ago is found by asking again. */
class RegistryView implements Pick<Registry, "getService" | "listServices" | "listDomains"> {
  private kept = new Map<string, { at: number; answer: Promise<RegistryService[]> }>();

  constructor(private readonly main: MainThread) {}

  changed(): void {
    this.kept = new Map();
  }

  getService(name: string, options: { domain?: string } = {}): Promise<RegistryService[]> {
    const domain = options.domain || DEFAULT_DOMAIN;
    return this.read(`${domain}\n${name}`, { op: "getService", name, domain });
  }

  listServices(options: { domain?: string } = {}): Promise<RegistryService[]> {
    const domain = options.domain || DEFAULT_DOMAIN;
    return this.read(domain, { op: "listServices", domain });
  }

  listDomains(): Promise<string[]> {
    return this.main.ask({ op: "listDomains" });
  }

  private read(key: string, question: Question): Promise<RegistryService[]> {
    const now = Date.now();
    const hit = this.kept.get(key);
    if (hit && now - hit.at < KEEP_MS) return hit.answer;
    const kept = this.kept;
    const answer = this.main.ask<RegistryService[]>(question);
    if (kept.size >= MAX_KEPT) kept.clear();
    kept.set(key, { at: now, answer });
    const forget = () => { if (kept.get(key)?.answer === answer) kept.delete(key); };
    answer.then((services) => { if (services.length === 0) forget(); }, forget);
    return answer;
  }
}

// an isolate of its own: run.ts's lean bind is the main thread's only, and every upstream call here binds once
// (measured: 16% less server CPU per gateway call, docs/performance.md)
installLeanAsyncResourceBind();
const data = workerData as GatewayThreadData;
const port = parentPort!;
const main = new MainThread(port);
const view = new RegistryView(main);
port.on("message", (m: ThreadAnswer) => ("changed" in m ? view.changed() : main.settle(m)));

const registry = view as unknown as Registry; // the gateway only reads it
const hosted = new Set(data.hosted);
const resolver = new Resolver(registry, (service) => (hosted.has(service) ? data.internalAddress : undefined));
const pool = new SessionPool();
const admission = gatewayAdmission((ask: AdmitRequest) => main.ask<Admitted>({ op: "admit", ask }));
const gateway = createGateway({
  registry, resolver, version: data.version, pool,
  log: (text) => port.postMessage({ log: text } satisfies ThreadMessage),
  mcp: (req, res) => relayMcp(data.mcpRelay, req, res),
  grpcWeb: grpcWebHandler({ resolver, pool, admit: admission.call }),
  authorize: admission.authorize,
});

try {
  // one child makes the copy this thread listens on and its bulk accept's spares
  const [handle, ...spare] = await copiesOfDescriptor(data.fd, 1 + COPIES);
  gateway.listen(handle as never, data.backlog);
  gateway.once("listening", () => {
    new BulkAccept(gateway, {
      backlog: data.backlog, spare, peers: { index: data.index, loads: data.loads },
      log: (line) => port.postMessage({ log: `api: thread ${data.index}: ${line}` } satisfies ThreadMessage),
    });
    port.postMessage({ ready: true, leanBind: !bindAttachesAsyncResource() } satisfies ThreadMessage);
  });
  gateway.once("error", (err) => port.postMessage({ failed: err.message } satisfies ThreadMessage));
} catch (err) {
  port.postMessage({ failed: (err as Error).message } satisfies ThreadMessage);
}

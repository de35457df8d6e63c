// More threads for the API gateway. One node thread serves ~4,000 gateway calls a second on this machine and is
// then the bottleneck (its CPU at 100%, the machine's other core half idle: docs/performance.md); Micro 3.0's
// gateway, in Go, uses every core. Each gateway thread (gateway-thread.ts) runs the same gateway on its own copy
// of the listening socket, so the kernel hands each new connection to whichever thread accepts it first.
//
// The threads hold no state of their own: admission (accounts, rules, call tokens) and the registry stay in this
// thread, and a gateway thread asks for them by message. Admission is asked for on every call, as this thread's
// gateway does; registry answers are kept there until the registry changes (this thread says so on every change).
import type { IncomingMessage, ServerResponse } from "node:http";
import type * as net from "node:net";
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { AdmitRequest } from "../auth/index.js";
import type { AuthorizeRequest } from "../gateway/index.js";
import { ANY_DOMAIN, type Registry } from "../registry/types.js";
import { MicroError, type MicroErrorJson } from "../rpc/errors.js";
import { listenForRelays, type RelayTarget } from "./mcp-relay.js";
import { listeningFd } from "./socket-copies.js";

/** What a gateway thread is started with. */
export interface GatewayThreadData {
  /** The gateway's listening socket in this process (each thread listens on a copy of its own). */
  fd: number;
  backlog: number;
  version: string;
  /** Where the builtins this server hosts are served, and their names. */
  internalAddress: string;
  hosted: string[];
  /** Where `/mcp` requests go: the main thread keeps every MCP session (mcp-relay.ts). */
  mcpRelay: RelayTarget;
  /** Every thread's loop load (bulk-accept.ts's peers): the main thread's at 0, this thread's at `index`. */
  loads: Int32Array;
  index: number;
}

/** What a call's admission answers: the namespace, and the credential to send upstream (a call token). */
export interface Admitted { namespace: string; credential?: string }

/** The gateway's two questions for admission — an HTTP call (`authorize`) and a gRPC-Web or proxied call (`call`) —
 * put as one AdmitRequest, so that the main thread's gateway and every gateway thread ask alike. */
export function gatewayAdmission(admit: (ask: AdmitRequest) => Promise<Admitted>) {
  return {
    authorize: (r: AuthorizeRequest) =>
      admit({ headers: r.headers as AdmitRequest["headers"], service: r.service, endpoint: r.endpoint, namespace: r.namespace, token: r.token }),
    call: (c: Pick<AdmitRequest, "headers" | "service" | "endpoint">) => admit({ headers: c.headers, service: c.service, endpoint: c.endpoint }),
  };
}

/** A gateway thread's messages to this thread. */
export type ThreadRequest =
  | { id: number; op: "admit"; ask: AdmitRequest }
  | { id: number; op: "getService"; name: string; domain: string }
  | { id: number; op: "listServices"; domain: string }
  | { id: number; op: "listDomains" };
/** `ready` says whether the thread runs the lean AsyncResource#bind (async-resource-bind.ts): node:http2 binds once
 * per upstream call, and a thread is an isolate of its own, with its own AsyncResource. */
export type ThreadMessage = ThreadRequest | { log: string } | { ready: true; leanBind: boolean } | { failed: string };
/** This thread's messages to a gateway thread: an answer, or word that the registry changed. */
export type ThreadAnswer = { id: number; value?: unknown; error?: MicroErrorJson | { detail: string } } | { changed: true };

export interface GatewayThreadsOptions extends Omit<GatewayThreadData, "fd" | "mcpRelay" | "loads" | "index"> {
  /** The gateway whose socket the threads share (listening). */
  server: net.Server;
  registry: Registry;
  admit(ask: AdmitRequest): Promise<Admitted>;
  /** Serves the `/mcp` requests the threads relay (the main thread's gateway's own MCP sessions). */
  mcp(req: IncomingMessage, res: ServerResponse): Promise<void>;
  log(line: string): void;
  /** Default: MICRO_API_THREADS, else one fewer than the cores (at most 3). */
  count?: number;
}

/** MICRO_API_THREADS, else one thread fewer than the machine's cores (the first thread serves too), at most 3. */
export function gatewayThreadCount(env: NodeJS.ProcessEnv = process.env): number {
  const given = env.MICRO_API_THREADS;
  if (given !== undefined && given !== "") {
    const n = Number(given);
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`MICRO_API_THREADS=${given} is not a whole number`);
    return n;
  }
  return Math.min(3, availableParallelism() - 1);
}

export class GatewayThreads {
  private readonly threads: { worker: Worker; ready: Promise<void> }[] = [];
  private readonly watching = new AbortController();
  private readonly started: Promise<void>;
  private relay?: { close(): void };
  private closed = false;
  /** Threads starting or started. */
  readonly size: number;
  /** For the main thread's bulk accept: every thread's load, the main thread's at 0 (undefined without threads).
   * A thread not yet sampling, or gone, counts as swamped: it holds no one else's copies back. */
  readonly peers?: { index: number; loads: Int32Array };
  /** For each thread that said it is ready, in the order they did: whether it binds without node's deprecated accessor. */
  readonly leanBind: boolean[] = [];

  constructor(private readonly options: GatewayThreadsOptions) {
    const count = options.count ?? gatewayThreadCount();
    const fd = count > 0 ? listeningFd(options.server) : undefined;
    if (count > 0 && fd === undefined) options.log("api: one thread (the listening socket has no descriptor to share)");
    this.size = fd === undefined ? 0 : count;
    if (this.size > 0) this.peers = { index: 0, loads: new Int32Array(new SharedArrayBuffer(4 * (this.size + 1))).fill(100) };
    this.started = fd === undefined ? Promise.resolve() : this.begin(fd, count).catch((err: Error) => {
      options.log(`api: one thread (the gateway threads could not start: ${err.message})`);
    });
  }

  /** Resolves once every thread listens, or has failed to (which it logs). */
  async ready(): Promise<void> {
    await this.started;
    await Promise.all(this.threads.map((t) => t.ready));
  }

  async close(): Promise<void> {
    this.closed = true;
    this.watching.abort();
    await this.started;
    await Promise.all(this.threads.map((t) => t.worker.terminate()));
    this.relay?.close();
  }

  private async begin(fd: number, count: number): Promise<void> {
    const relay = await listenForRelays(this.options.mcp);
    if (this.closed) return relay.close();
    this.relay = relay;
    const { backlog, version, internalAddress, hosted } = this.options;
    for (let i = 1; i <= count; i++) {
      this.threads.push(this.start({ fd, backlog, version, internalAddress, hosted, mcpRelay: relay.target, loads: this.peers!.loads, index: i }));
    }
    void this.watchRegistry();
  }

  private start(data: GatewayThreadData): { worker: Worker; ready: Promise<void> } {
    const n = data.index;
    const worker = new Worker(new URL("./gateway-thread.js", import.meta.url), { workerData: data });
    let started!: () => void;
    const ready = new Promise<void>((resolve) => (started = resolve));
    worker.on("message", (m: ThreadMessage) => {
      if ("op" in m) return void this.answer(worker, m);
      if ("log" in m) return this.options.log(m.log);
      if ("failed" in m) this.options.log(`api: gateway thread ${n} is not serving: ${m.failed}`);
      else this.leanBind.push(m.leanBind);
      started();
    });
    worker.on("error", (err) => this.options.log(`api: gateway thread ${n} failed: ${err.message}`));
    worker.on("exit", (code) => {
      started();
      Atomics.store(data.loads, n, 100);
      if (!this.closed) this.options.log(`api: gateway thread ${n} exited (${code}); the other threads serve on`);
    });
    return { worker, ready };
  }

  private async answer(worker: Worker, m: ThreadRequest): Promise<void> {
    let answer: ThreadAnswer;
    try {
      answer = { id: m.id, value: await this.serve(m) };
    } catch (err) {
      answer = { id: m.id, error: err instanceof MicroError ? err.toJSON() : { detail: err instanceof Error ? err.message : String(err) } };
    }
    if (!this.closed) worker.postMessage(answer);
  }

  private serve(m: ThreadRequest): Promise<unknown> {
    const { registry } = this.options;
    switch (m.op) {
      case "admit": return this.options.admit(m.ask);
      case "getService": return registry.getService(m.name, { domain: m.domain });
      case "listServices": return registry.listServices({ domain: m.domain });
      case "listDomains": return registry.listDomains();
    }
  }

  /** Every change of the registry, in any namespace, empties the threads' copies of its answers. */
  private async watchRegistry(): Promise<void> {
    try {
      for await (const _ of this.options.registry.watch({ domain: ANY_DOMAIN, signal: this.watching.signal })) {
        for (const t of this.threads) t.worker.postMessage({ changed: true } satisfies ThreadAnswer);
      }
    } catch (err) {
      if (!this.closed) this.options.log(`api: watching the registry for the gateway threads failed: ${(err as Error).message}`);
    }
  }
}

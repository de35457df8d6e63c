// The CLI's gRPC client: node:http2 straight to the proxy, each call the wire layer's H2Call (as the gateway's
// are). grpc-js is a fine client for long-running services, but loading its ~60 modules takes a short-lived `micro`
// process longer than the call it makes (bench/cli), and @connectrpc/connect-node measured slower too (bench/wire);
// a CLI needs none of their balancing, retries or keepalives. One HTTP/2 session per address from the proxy's SessionPool (TLS when the
// port is 443, as createGrpcTransport decides), unary and streaming calls, deadlines as grpc-timeout, and failures as
// MicroErrors (runtime/wire: the same envelope and status table as everywhere else).
import type * as http2 from "node:http2";
import type { DescMethod } from "@bufbuild/protobuf";
import type { CallOptions, Metadata, Transport } from "../../rpc/types.js";
import { MicroError, errorFromStatus } from "../../wire/index.js";
import { H2Call, type CallEnd } from "../../wire/h2-call.js";
import { SessionPool } from "../../proxy/h2-pool.js";

/** Call options of this transport: `json` sends and expects application/grpc+json messages (UTF-8 JSON), for
 * services that registered no protobuf descriptor (remote/invoke-json.ts). */
export interface H2CallOptions extends CallOptions {
  json?: boolean;
  /** A stream's request side stays open until the replies end, as Micro 3.0's client keeps it (its servers read
   * from it: events' Stream.Consume ends when it closes). */
  holdOpen?: boolean;
}

export interface H2TransportOptions {
  address: string;
  tls?: boolean;
  /** Metadata of every call (asked for before each one: the token may be refreshed). */
  metadata?: () => Metadata | Promise<Metadata>;
}

// ref'd: a CLI waiting on a stream has nothing else keeping it alive; the deadline, when there is one, bounds
// connecting (within() below), else ten seconds do
const pools = new Map<boolean, SessionPool>();

/** Closes every session this process opened, so that it can exit. */
export function closeH2Sessions(): void {
  for (const pool of pools.values()) pool.close();
  pools.clear();
}

async function connect(address: string, tls: boolean): Promise<http2.ClientHttp2Session> {
  let pool = pools.get(tls);
  if (!pool) pools.set(tls, (pool = new SessionPool({ tls, ref: true, connectTimeoutMs: 10_000 })));
  try {
    return await pool.connect(address);
  } catch (err) {
    throw new MicroError("micro.client", 503, `Failed to connect to ${address}: ${(err as Error).message}`);
  }
}

export function createH2Transport(options: H2TransportOptions): Transport {
  const tls = options.tls ?? options.address.endsWith(":443");

  /** Opens the call; `settle` resolves with its failure (undefined when it succeeded). */
  async function open(method: DescMethod, o: H2CallOptions) {
    const id = method.parent.file.proto.package || method.parent.typeName;
    const metadata: Record<string, string> = {};
    for (const [k, v] of Object.entries({ ...(await options.metadata?.()), ...o.metadata })) {
      if (v !== undefined && v !== "") metadata[k.toLowerCase()] = v;
    }
    // The deadline covers connecting too (an address that drops packets would otherwise hang for minutes).
    const started = Date.now();
    const session = await within(connect(options.address, tls), o.timeoutMs, id);
    const timeoutMs = o.timeoutMs ? Math.max(1, o.timeoutMs - (Date.now() - started)) : 0;
    const call = new H2Call(session, { path: `/${method.parent.typeName}/${method.name}`, metadata, timeoutMs, json: o.json });
    // failures decided here (the caller's abort, a request stream that broke) come before how the stream ended
    let local: MicroError | undefined;
    const fail = (err: MicroError) => {
      local ??= err;
      call.cancel();
    };
    const onAbort = () => fail(new MicroError(id, 408, "Cancelled on client"));
    o.signal?.addEventListener("abort", onAbort, { once: true });
    const ended = call.ended.then((end) => {
      o.signal?.removeEventListener("abort", onAbort);
      return local ?? failureOf(end, id);
    });
    return { call, fail, settle: () => ended, id };
  }

  return {
    async unary(method, request, o) {
      const { call, settle, id } = await open(method, o);
      const { replies } = await call.unary(request);
      const failure = await settle();
      if (failure) throw failure;
      if (replies.length !== 1) throw new MicroError(id, 500, `expected one reply message, got ${replies.length}`);
      return replies[0]!;
    },

    async *stream(method, requests, o) {
      const { call, settle, fail, id } = await open(method, o);
      const pump = (async () => {
        for await (const req of requests) {
          if (call.stream.closed || call.stream.destroyed) return;
          if (!call.send(req)) await new Promise((r) => call.stream.once("drain", r));
        }
        if ((o as H2CallOptions).holdOpen && !call.stream.readableEnded && !call.stream.destroyed) {
          await new Promise((r) => { call.stream.once("end", r); call.stream.once("close", r); });
        }
        call.end();
      })().catch((err: unknown) => fail(new MicroError(id, 500, `sending the request failed: ${(err as Error)?.message ?? err}`)));
      // leaving early (break/return) cancels the call: messages() sees to it
      yield* call.messages();
      void pump;
      const failure = await settle();
      if (failure) throw failure;
    },
  };
}

/** How a call ended, in the CLI's words (errors.ts turns them into exit codes and one line). */
function failureOf(end: CallEnd, id: string): MicroError | undefined {
  switch (end.kind) {
    case "ok": return undefined;
    case "status": return errorFromStatus(end.status, end.message, id);
    case "http": return new MicroError(id, 503, `the server answered HTTP ${end.httpStatus}, not gRPC`);
    case "deadline": return new MicroError(id, 408, "Deadline exceeded");
    case "cancelled": return new MicroError(id, 408, "Cancelled on client");
    case "malformed": return new MicroError(id, 500, `the server ${end.message}`);
    case "unprocessed": return new MicroError(id, 503, "Connection dropped: the server refused the call");
    case "dropped": return new MicroError(id, 503, `Connection dropped: ${end.message}`);
  }
}

function within<T>(promise: Promise<T>, ms: number | undefined, id: string): Promise<T> {
  if (!ms) return promise;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new MicroError(id, 408, "Deadline exceeded while connecting")), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

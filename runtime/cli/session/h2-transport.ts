// The CLI's gRPC client: node:http2 straight to the proxy. grpc-js is a fine client for long-running services,
// but loading its ~60 modules takes a short-lived `micro` process longer than the call it makes (bench/cli);
// a CLI needs none of its balancing, retries or keepalives. One HTTP/2 session per address (TLS when the port
// is 443, as createGrpcTransport decides), unary and streaming calls, deadlines as grpc-timeout, and failures
// as Micro's error shape {id, code, detail, status}, which the CLI recognises by shape (errors.ts).
import * as http2 from "node:http2";
import type { DescMethod } from "@bufbuild/protobuf";
import { FrameDecoder, FrameError, COMPRESSED_FLAG, encodeFrame } from "../../proxy/grpc-web-frames.js";
import type { CallOptions, Metadata, Transport } from "../../rpc/types.js";

const { NGHTTP2_CANCEL } = http2.constants;

export interface H2TransportOptions {
  address: string;
  tls?: boolean;
  /** Metadata of every call (asked for before each one: the token may be refreshed). */
  metadata?: () => Metadata | Promise<Metadata>;
}

/** A failed call in Micro's shape, as runtime/rpc's fromGrpcError would make it (without loading grpc-js). */
export class CallError extends Error {
  override name = "MicroError";
  constructor(readonly id: string, readonly code: number, readonly detail: string, readonly status = "") {
    super(detail);
  }

  toJSON() {
    return { id: this.id, code: this.code, detail: this.detail, status: this.status };
  }
}

/** gRPC status → Micro code, as runtime/rpc/errors.ts maps them (kept here: that module loads grpc-js). */
const GRPC_TO_MICRO: Record<number, number> = {
  1: 408, 2: 500, 3: 400, 4: 408, 5: 404, 6: 409, 7: 403, 8: 429, 9: 412, 10: 409, 11: 400, 12: 501, 13: 500,
  14: 503, 15: 500, 16: 401,
};

const sessions = new Map<string, Promise<http2.ClientHttp2Session>>();

/** Closes every session this process opened, so that it can exit. */
export function closeH2Sessions(): void {
  for (const s of sessions.values()) s.then((x) => x.close(), () => undefined);
  sessions.clear();
}

function connect(address: string, tls: boolean): Promise<http2.ClientHttp2Session> {
  const key = `${tls ? "https" : "http"}://${address}`;
  let pending = sessions.get(key);
  if (pending) return pending;
  pending = new Promise<http2.ClientHttp2Session>((resolve, reject) => {
    const session = http2.connect(key);
    const drop = () => { if (sessions.get(key) === pending) sessions.delete(key); };
    session.once("connect", () => resolve(session));
    session.on("error", (err) => {
      drop();
      reject(new CallError("micro.client", 503, `Failed to connect to ${address}: ${err.message}`, "Service Unavailable"));
    });
    session.on("close", drop);
    session.on("goaway", drop);
  });
  pending.catch(() => undefined);
  sessions.set(key, pending);
  return pending;
}

export function createH2Transport(options: H2TransportOptions): Transport {
  const tls = options.tls ?? options.address.endsWith(":443");

  /** Opens the call's stream; `settled` resolves with the call's failure (undefined when it succeeded). */
  async function open(method: DescMethod, o: CallOptions) {
    const id = method.parent.file.proto.package || method.parent.typeName;
    const headers: http2.OutgoingHttpHeaders = {};
    for (const [k, v] of Object.entries({ ...(await options.metadata?.()), ...o.metadata })) {
      if (v !== undefined && v !== "") headers[k.toLowerCase()] = v;
    }
    Object.assign(headers, {
      ":method": "POST", ":path": `/${method.parent.typeName}/${method.name}`, "content-type": "application/grpc", te: "trailers",
    });
    // The deadline covers connecting too (an address that drops packets would otherwise hang for minutes).
    const started = Date.now();
    const session = await within(connect(options.address, tls), o.timeoutMs, id);
    const timeoutMs = o.timeoutMs ? Math.max(1, o.timeoutMs - (Date.now() - started)) : 0;
    if (timeoutMs) headers["grpc-timeout"] = `${Math.min(Math.ceil(timeoutMs), 99_999_999)}m`;
    const stream = session.request(headers, { endStream: false });
    let grpcStatus: number | undefined;
    let message = "";
    let failure: CallError | undefined;
    const takeStatus = (h: http2.IncomingHttpHeaders) => {
      const httpStatus = h[":status"];
      if (httpStatus !== undefined && Number(httpStatus) !== 200) {
        failure ??= new CallError(id, 503, `the server answered HTTP ${httpStatus}, not gRPC`, "Service Unavailable");
      } else if (h["grpc-status"] !== undefined) {
        grpcStatus = Number(h["grpc-status"]);
        message = String(h["grpc-message"] ?? "");
      }
    };
    stream.on("response", takeStatus);
    stream.on("trailers", takeStatus);
    let timer: NodeJS.Timeout | undefined;
    const fail = (err: CallError) => {
      failure ??= err;
      if (!stream.closed) stream.close(NGHTTP2_CANCEL);
    };
    if (timeoutMs) timer = setTimeout(() => fail(new CallError(id, 408, "Deadline exceeded", "Request Timeout")), timeoutMs);
    const onAbort = () => fail(new CallError(id, 408, "Cancelled on client", "Request Timeout"));
    o.signal?.addEventListener("abort", onAbort, { once: true });
    stream.on("error", (err: Error) => {
      failure ??= new CallError(id, 503, `Connection dropped: ${err.message}`, "Service Unavailable");
    });
    const settled = new Promise<CallError | undefined>((resolve) => stream.once("close", () => {
      clearTimeout(timer);
      o.signal?.removeEventListener("abort", onAbort);
      if (failure) return resolve(failure);
      if (grpcStatus === undefined) return resolve(new CallError(id, 503, "Connection dropped: the call ended without a status", "Service Unavailable"));
      resolve(grpcStatus === 0 ? undefined : statusError(id, grpcStatus, message));
    }));
    return { stream, settled, fail, id };
  }

  function frames(id: string) {
    const decoder = new FrameDecoder();
    return (chunk: Buffer): Buffer[] => {
      let out;
      try {
        out = decoder.push(chunk);
      } catch (err) {
        if (err instanceof FrameError) throw new CallError(id, 500, `malformed reply: ${err.message}`, "Internal Server Error");
        throw err;
      }
      return out.map((f) => {
        if (f.flags & COMPRESSED_FLAG) throw new CallError(id, 500, "the server sent a compressed message, which was not asked for", "Internal Server Error");
        return f.data;
      });
    };
  }

  return {
    async unary(method, request, o) {
      const { stream, settled, fail, id } = await open(method, o);
      const decode = frames(id);
      const replies: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => {
        try {
          replies.push(...decode(chunk));
        } catch (err) {
          fail(err as CallError);
        }
      });
      stream.end(encodeFrame(request));
      const failure = await settled;
      if (failure) throw failure;
      if (replies.length !== 1) throw new CallError(id, 500, `expected one reply message, got ${replies.length}`, "Internal Server Error");
      return replies[0]!;
    },

    async *stream(method, requests, o) {
      const { stream, settled, fail, id } = await open(method, o);
      const decode = frames(id);
      const pump = (async () => {
        for await (const req of requests) {
          if (stream.closed || stream.destroyed) return;
          if (!stream.write(encodeFrame(req))) await new Promise((r) => stream.once("drain", r));
        }
        if (!stream.closed) stream.end();
      })().catch((err: unknown) => fail(new CallError(id, 500, `sending the request failed: ${(err as Error)?.message ?? err}`, "Internal Server Error")));
      try {
        for await (const chunk of stream as AsyncIterable<Buffer>) yield* decode(chunk);
      } catch (err) {
        if (err instanceof CallError) fail(err);
        // otherwise the stream broke: the status below says why
      } finally {
        // the consumer stopped early (break/return): cancel the call
        if (!stream.closed) stream.close(NGHTTP2_CANCEL);
        void pump;
      }
      const failure = await settled;
      if (failure) throw failure;
    },
  };
}

function within<T>(promise: Promise<T>, ms: number | undefined, id: string): Promise<T> {
  if (!ms) return promise;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CallError(id, 408, "Deadline exceeded while connecting", "Request Timeout")), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** grpc-status + grpc-message → the error: Micro's envelope when the message carries one, else by code. */
function statusError(id: string, status: number, encoded: string): CallError {
  let message = encoded;
  try {
    message = decodeURIComponent(encoded);
  } catch {
    // not percent-encoded after all: keep it as sent
  }
  if (message.startsWith("{")) {
    try {
      const e = JSON.parse(message) as { id?: unknown; code?: unknown; detail?: unknown; status?: unknown };
      if (typeof e.code === "number" && typeof e.detail === "string" && typeof e.id === "string") {
        return new CallError(e.id, e.code, e.detail, typeof e.status === "string" ? e.status : "");
      }
    } catch {
      // not the envelope: fall through
    }
  }
  return new CallError(id, GRPC_TO_MICRO[status] ?? 500, message || `gRPC status ${status}`);
}

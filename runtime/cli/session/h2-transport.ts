// The CLI's gRPC client: node:http2 straight to the proxy. grpc-js is a fine client for long-running services,
// but loading its ~60 modules takes a short-lived `micro` process longer than the call it makes (bench/cli);
// a CLI needs none of its balancing, retries or keepalives. One HTTP/2 session per address (TLS when the port
// is 443, as createGrpcTransport decides), unary and streaming calls, deadlines as grpc-timeout, and failures
// as MicroErrors (runtime/wire: the same envelope and status table as everywhere else, without grpc-js).
import * as http2 from "node:http2";
import type { DescMethod } from "@bufbuild/protobuf";
import type { CallOptions, Metadata, Transport } from "../../rpc/types.js";
import {
  COMPRESSED_FLAG, FrameDecoder, FrameError, GRPC_MESSAGE, GRPC_STATUS, MicroError, encodeFrame, errorFromStatus, grpcRequestHeaders,
} from "../../wire/index.js";

const { NGHTTP2_CANCEL } = http2.constants;

export interface H2TransportOptions {
  address: string;
  tls?: boolean;
  /** Metadata of every call (asked for before each one: the token may be refreshed). */
  metadata?: () => Metadata | Promise<Metadata>;
}

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
      reject(new MicroError("micro.client", 503, `Failed to connect to ${address}: ${err.message}`));
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
    const metadata: Record<string, string> = {};
    for (const [k, v] of Object.entries({ ...(await options.metadata?.()), ...o.metadata })) {
      if (v !== undefined && v !== "") metadata[k.toLowerCase()] = v;
    }
    // The deadline covers connecting too (an address that drops packets would otherwise hang for minutes).
    const started = Date.now();
    const session = await within(connect(options.address, tls), o.timeoutMs, id);
    const timeoutMs = o.timeoutMs ? Math.max(1, o.timeoutMs - (Date.now() - started)) : 0;
    const headers = grpcRequestHeaders(`/${method.parent.typeName}/${method.name}`, metadata, timeoutMs);
    const stream = session.request(headers, { endStream: false });
    let grpcStatus: number | undefined;
    let message = "";
    let failure: MicroError | undefined;
    const takeStatus = (h: http2.IncomingHttpHeaders) => {
      const httpStatus = h[":status"];
      if (httpStatus !== undefined && Number(httpStatus) !== 200) {
        failure ??= new MicroError(id, 503, `the server answered HTTP ${httpStatus}, not gRPC`);
      } else if (h[GRPC_STATUS] !== undefined) {
        grpcStatus = Number(h[GRPC_STATUS]);
        message = String(h[GRPC_MESSAGE] ?? "");
      }
    };
    stream.on("response", takeStatus);
    stream.on("trailers", takeStatus);
    let timer: NodeJS.Timeout | undefined;
    const fail = (err: MicroError) => {
      failure ??= err;
      if (!stream.closed) stream.close(NGHTTP2_CANCEL);
    };
    if (timeoutMs) timer = setTimeout(() => fail(new MicroError(id, 408, "Deadline exceeded")), timeoutMs);
    const onAbort = () => fail(new MicroError(id, 408, "Cancelled on client"));
    o.signal?.addEventListener("abort", onAbort, { once: true });
    stream.on("error", (err: Error) => {
      failure ??= new MicroError(id, 503, `Connection dropped: ${err.message}`);
    });
    const settled = new Promise<MicroError | undefined>((resolve) => stream.once("close", () => {
      clearTimeout(timer);
      o.signal?.removeEventListener("abort", onAbort);
      if (failure) return resolve(failure);
      if (grpcStatus === undefined) return resolve(new MicroError(id, 503, "Connection dropped: the call ended without a status"));
      resolve(grpcStatus === 0 ? undefined : errorFromStatus(grpcStatus, message, id));
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
        if (err instanceof FrameError) throw new MicroError(id, 500, `malformed reply: ${err.message}`);
        throw err;
      }
      return out.map((f) => {
        if (f.flags & COMPRESSED_FLAG) throw new MicroError(id, 500, "the server sent a compressed message, which was not asked for");
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
          fail(err as MicroError);
        }
      });
      stream.end(encodeFrame(request));
      const failure = await settled;
      if (failure) throw failure;
      if (replies.length !== 1) throw new MicroError(id, 500, `expected one reply message, got ${replies.length}`);
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
      })().catch((err: unknown) => fail(new MicroError(id, 500, `sending the request failed: ${(err as Error)?.message ?? err}`)));
      try {
        for await (const chunk of stream as AsyncIterable<Buffer>) yield* decode(chunk);
      } catch (err) {
        if (err instanceof MicroError) fail(err);
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
    timer = setTimeout(() => reject(new MicroError(id, 408, "Deadline exceeded while connecting")), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}


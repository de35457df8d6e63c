// runtime.Runtime, runtime.Source and runtime.Build over gRPC, in front of a Runtime implementation.
import { randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, rename, rm } from "node:fs/promises";
import { dirname } from "node:path";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import { Build, Runtime as RuntimeService, Source } from "../gen/runtime/runtime_pb.js";
import { BadRequest, createClient, createGrpcTransport, type HandlerContext, type Metadata, type ServiceImpl } from "../rpc/index.js";
import { namespaceFor } from "../rpc/access.js";
import { UPLOAD_PREFIX, uploadPath } from "./source.js";
import { STATUS_CODES, type Runtime, type ServiceState } from "./types.js";

const MAX_UPLOAD = 256 * 1024 * 1024;

export function toProtoService(s: ServiceState) {
  const metadata: Record<string, string> = { status: s.status, namespace: s.namespace, restarts: String(s.restarts) };
  if (s.error) metadata.error = s.error;
  if (s.buildFailed) metadata.build = "failed";
  if (s.note) metadata.note = s.note;
  if (s.started) metadata.started = new Date(s.started).toISOString();
  return { name: s.name, version: s.version, source: s.source, metadata, status: STATUS_CODES[s.status] };
}

/** Metadata a forwarded call carries: the server it reaches answers it itself, never forwards it again. */
export const FORWARDED_HEADER = "micro-runtime-forwarded";

export interface RuntimeHandlerOptions {
  /** Several servers: the server running namespace/name when it is another (server/cluster-runtime.ts). */
  ownerOf?: (namespace: string, name: string) => Promise<{ server: string; proxy: string } | undefined>;
}

export function runtimeHandler(runtime: Runtime, options: RuntimeHandlerOptions = {}): ServiceImpl<typeof RuntimeService> {
  /** The owner's runtime client when another server runs the service: the call goes there with the caller's own
   * credentials (every server honours every server's tokens) and the namespace it was admitted to. */
  const remote = async (ctx: HandlerContext, namespace: string, name: string) => {
    if (!options.ownerOf || ctx.metadata[FORWARDED_HEADER]) return undefined;
    const owner = await options.ownerOf(namespace, name);
    if (!owner) return undefined;
    const metadata: Metadata = { "micro-namespace": namespace, [FORWARDED_HEADER]: owner.server };
    const authorization = ctx.metadata.authorization;
    if (authorization) metadata.authorization = authorization;
    return { client: createClient(RuntimeService, createGrpcTransport({ address: owner.proxy })), call: { metadata, signal: ctx.signal }, owner };
  };
  return {
    async create(req, ctx) {
      const svc = req.resource?.service;
      if (!svc?.name) throw BadRequest("runtime", "resource.service.name is required");
      const env = Object.fromEntries((req.options?.env ?? []).map((kv) => {
        const i = kv.indexOf("=");
        return i > 0 ? [kv.slice(0, i), kv.slice(i + 1)] : [kv, ""];
      }));
      await runtime.create({ name: svc.name, version: svc.version || "latest", source: svc.source, namespace: namespaceFor(ctx, req.options?.namespace, "runtime"), env });
      return {};
    },
    async read(req, ctx) {
      const list = await runtime.list(namespaceFor(ctx, req.options?.namespace, "runtime"), req.options?.service || undefined);
      return { services: list.map(toProtoService) };
    },
    async delete(req, ctx) {
      const name = req.resource?.service?.name;
      if (!name) throw BadRequest("runtime", "resource.service.name is required");
      const ns = namespaceFor(ctx, req.options?.namespace, "runtime");
      const there = await remote(ctx, ns, name);
      if (there) return there.client.delete({ resource: req.resource, options: { namespace: ns } }, there.call).then(() => ({}));
      await runtime.delete(ns, name);
      return {};
    },
    async update(req, ctx) {
      const name = req.resource?.service?.name;
      if (!name) throw BadRequest("runtime", "resource.service.name is required");
      const ns = namespaceFor(ctx, req.options?.namespace, "runtime");
      const there = await remote(ctx, ns, name);
      if (there) return there.client.update({ resource: req.resource, options: { namespace: ns } }, there.call).then(() => ({}));
      await runtime.update(ns, name, req.resource?.service?.source || undefined);
      return {};
    },
    async *logs(req, ctx) {
      if (!req.service) throw BadRequest("runtime", "service is required");
      const ns = namespaceFor(ctx, req.options?.namespace, "runtime");
      const there = await remote(ctx, ns, req.service);
      if (there) {
        yield* there.client.logs({ service: req.service, version: req.version, since: req.since, count: req.count, stream: req.stream, options: { namespace: ns } }, there.call);
        return;
      }
      const lines = runtime.logs(ns, req.service, {
        count: Number(req.count) || undefined,
        sinceMs: req.since ? Number(req.since) * 1000 : undefined,
        follow: req.stream,
        signal: ctx.signal,
      });
      for await (const line of lines) {
        yield { timestamp: BigInt(Math.floor(line.timestamp / 1000)), metadata: { stream: line.stream }, message: line.message };
      }
    },
  };
}

/** Receives a tarball of a service's source, gzipped (our CLI) or plain (Micro 3.0's `micro run`), and stores it
 * gzipped (a plain tar is gzipped here): every runtime unpacks a stored upload with `tar -xz`. The id it answers goes
 * into the service's source. */
export function sourceHandler(dataDir: string): ServiceImpl<typeof Source> {
  return {
    async upload(requests) {
      const id = randomUUID();
      const path = uploadPath(dataDir, id);
      // The server's own (a tenant's build unpacks its archive from a stream the server opens, see source.ts).
      await mkdir(dirname(path), { recursive: true, mode: 0o700 });
      let size = 0;
      const chunks = (async function* () {
        for await (const chunk of requests) {
          size += chunk.data.length;
          if (size > MAX_UPLOAD) throw BadRequest("runtime", `source archive larger than ${MAX_UPLOAD / 1024 / 1024} MiB`);
          yield chunk.data;
        }
      })();
      try {
        const { head, all } = await peek(chunks, 2);
        const out = createWriteStream(`${path}.part`, { mode: 0o600 });
        await (head[0] === 0x1f && head[1] === 0x8b ? pipeline(all, out) : pipeline(all, createGzip(), out));
        if (size === 0) throw BadRequest("runtime", "empty source archive");
        await rename(`${path}.part`, path);
      } catch (err) {
        await rm(`${path}.part`, { force: true });
        throw err;
      }
      return { id: `${UPLOAD_PREFIX}${id}` };
    },
  };
}

/** The first `n` bytes of a byte stream (fewer if it is shorter; for gzip's magic, 1f 8b) and the whole stream,
 * those bytes included. */
async function peek(source: AsyncGenerator<Uint8Array>, n: number): Promise<{ head: Buffer; all: AsyncGenerator<Uint8Array> }> {
  const first: Uint8Array[] = [];
  let read = 0;
  while (read < n) {
    const next = await source.next();
    if (next.done) break;
    first.push(next.value);
    read += next.value.length;
  }
  async function* all() {
    yield* first;
    yield* source;
  }
  return { head: Buffer.concat(first), all: all() };
}

/** Build.Read streams a service's build log lines. */
export function buildHandler(runtime: Runtime): ServiceImpl<typeof Build> {
  return {
    async *read(req, ctx) {
      for await (const line of runtime.logs(ctx.namespace, req.name, { signal: ctx.signal })) {
        if (line.stream === "build") yield { data: new TextEncoder().encode(line.message + "\n") };
      }
    },
  };
}

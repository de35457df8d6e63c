// The browsers' way in: gRPC-Web (application/grpc-web+proto over HTTP/1.1) to the API gateway's port, as a
// minimal client: one length-prefixed request frame; reply frames read as they arrive; the status from the
// trailer frame (or the headers of a trailers-only answer), Micro's error envelope decoded from grpc-message.
import * as http from "node:http";
import { fromBinary, fromJson, toBinary, toJson, type JsonObject } from "@bufbuild/protobuf";
import { MicroError, microCodeFor } from "../../../runtime/rpc/errors.js";
import { TRAILER_FLAG, decodeTrailerFrame, encodeFrame } from "../../../runtime/wire/index.js";
import type { Op } from "./ops.js";
import { collect, streamed, WINDOW_MS, type Outcome } from "./ways.js";

function statusError(trailers: Record<string, string | string[] | undefined>): MicroError | undefined {
  const status = Number(trailers["grpc-status"] ?? 0);
  if (!status) return undefined;
  const message = decodeURIComponent(String(trailers["grpc-message"] ?? ""));
  return MicroError.parse(message) ?? new MicroError("grpc-web", microCodeFor(status), message);
}

function frames(address: string, path: string, headers: Record<string, string>, body: Buffer, signal: AbortSignal): AsyncGenerator<Buffer> {
  const [host, port] = [address.slice(0, address.lastIndexOf(":")), Number(address.slice(address.lastIndexOf(":") + 1))];
  return streamed<Buffer>(signal, body, (sink) => http.request({ host, port, path, method: "POST", headers: { ...headers, "content-type": "application/grpc-web+proto", "x-grpc-web": "1", "content-length": String(body.length) } }, (res) => {
    const early = statusError(res.headers);
    if (early) { sink.fail(early); res.resume(); return; }
    let buffer = Buffer.alloc(0);
    res.on("data", (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      while (buffer.length >= 5 && buffer.length >= 5 + buffer.readUInt32BE(1)) {
        const flags = buffer[0]!;
        const data = buffer.subarray(5, 5 + buffer.readUInt32BE(1));
        buffer = buffer.subarray(5 + data.length);
        if (!(flags & TRAILER_FLAG)) sink.push(Buffer.from(data));
        else {
          const failure = statusError(decodeTrailerFrame(Buffer.from(data)));
          if (failure) sink.fail(failure);
        }
      }
    });
    res.on("end", () => sink.end());
    res.on("error", (err) => sink.fail(err));
  }));
}

export async function grpcWebAttempt(address: string, op: Op, request: JsonObject, headers: Record<string, string>,
  poke?: () => Promise<void>, enough?: (output: string) => boolean): Promise<Outcome> {
  const m = op.method;
  const body = encodeFrame(toBinary(m.input, fromJson(m.input, request)));
  const path = `/${m.parent.typeName}/${m.name}`;
  const render = (bytes: Buffer) => JSON.stringify(toJson(m.output, fromBinary(m.output, bytes)));
  const streams = m.methodKind === "server_streaming";
  return collect((signal) => frames(address, path, headers, body, signal), render, streams ? poke : undefined, streams ? WINDOW_MS : 5000, enough);
}

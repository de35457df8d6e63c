// The wire layer: status tables, Micro's envelope from a gRPC status, framing across chunk boundaries, request
// headers — and that it stays dependency-free (the CLI's startup snapshot and the gateway import it).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import {
  FrameDecoder, FrameError, GrpcCode, MicroError, decodeTrailerFrame, encodeFrame, encodeGrpcTimeout, encodeTrailerFrame,
  errorFromStatus, grpcCodeFor, grpcRequestHeaders, microCodeFor, percentEncodeGrpcMessage, TRAILER_FLAG,
} from "../../runtime/wire/index.js";

test("Micro codes and gRPC statuses map both ways as Micro 3.0 maps them", () => {
  for (const code of [400, 401, 403, 404, 409, 412, 429, 500, 501, 503]) {
    assert.equal(microCodeFor(grpcCodeFor(code)), code, `micro ${code}`);
  }
  assert.equal(grpcCodeFor(413), GrpcCode.RESOURCE_EXHAUSTED);
  assert.equal(grpcCodeFor(504), GrpcCode.DEADLINE_EXCEEDED);
  assert.equal(grpcCodeFor(418), GrpcCode.UNKNOWN);
  assert.equal(microCodeFor(GrpcCode.CANCELLED), 408);
  assert.equal(microCodeFor(99), 500);
});

test("a gRPC status becomes the envelope it carries, else an error by code", () => {
  const envelope = { id: "kitchen", code: 409, detail: "busy: 100% full, ünïcode", status: "Conflict" };
  const encoded = percentEncodeGrpcMessage(JSON.stringify(envelope));
  assert.match(encoded, /^[\x20-\x7e]*$/, "grpc-message is printable ASCII");
  assert.deepEqual(errorFromStatus(GrpcCode.ALREADY_EXISTS, encoded, "x").toJSON(), envelope);
  // text from a server that is not Micro: mapped by code, the service as id
  assert.deepEqual(errorFromStatus(GrpcCode.NOT_FOUND, "no%20such%20thing", "svc").toJSON(),
    { id: "svc", code: 404, detail: "no such thing", status: "Not Found" });
  // a malformed percent-encoding is kept as sent
  assert.equal(errorFromStatus(GrpcCode.INTERNAL, "50%", "svc").detail, "50%");
  // an edge's own meaning of a code, and a status that is no number
  assert.equal(errorFromStatus(GrpcCode.DEADLINE_EXCEEDED, "", "svc", { [GrpcCode.DEADLINE_EXCEEDED]: 504 }).code, 504);
  assert.equal(errorFromStatus(GrpcCode.DEADLINE_EXCEEDED, "", "svc").detail, "gRPC status 4 (DEADLINE_EXCEEDED)");
  assert.equal(errorFromStatus(Number("junk"), "", "svc").code, 502);
  assert.ok(errorFromStatus(1, "", "svc") instanceof MicroError);
});

test("frames decode whole across any chunking, and an oversize length is refused before buffering", () => {
  const messages = [Buffer.from("a"), Buffer.alloc(0), Buffer.from("hello world".repeat(50))];
  const stream = Buffer.concat(messages.map((m) => encodeFrame(m)));
  for (const size of [1, 2, 5, 7, stream.length]) {
    const decoder = new FrameDecoder();
    const got: Buffer[] = [];
    for (let i = 0; i < stream.length; i += size) got.push(...decoder.push(stream.subarray(i, i + size)).map((f) => f.data));
    assert.deepEqual(got.map((b) => b.toString()), messages.map((b) => b.toString()), `chunks of ${size}`);
    assert.equal(decoder.pending, 0);
  }
  const head = Buffer.from([0, 0, 0, 0x10, 0]); // 4096 bytes announced
  assert.throws(() => new FrameDecoder(1024).push(head), FrameError);
});

test("gRPC-Web trailer frames round-trip", () => {
  const frame = encodeTrailerFrame({ "grpc-status": "5", "grpc-message": "not found" });
  assert.equal(frame[0], TRAILER_FLAG);
  const [decoded] = new FrameDecoder().push(frame);
  assert.deepEqual(decodeTrailerFrame(decoded!.data), { "grpc-status": "5", "grpc-message": "not found" });
});

test("request headers: metadata cannot override what the protocol fixes; deadlines fit grpc-timeout's 8 digits", () => {
  const h = grpcRequestHeaders("/a.B/C", { ":path": "/evil", "content-type": "text/plain", te: "x", "micro-namespace": "foo" }, 1500.2, true);
  assert.equal(h[":path"], "/a.B/C");
  assert.equal(h[":method"], "POST");
  assert.equal(h["content-type"], "application/grpc+json");
  assert.equal(h.te, "trailers");
  assert.equal(h["micro-namespace"], "foo");
  assert.equal(h["grpc-timeout"], "1501m");
  assert.equal(grpcRequestHeaders("/a.B/C", {})["grpc-timeout"], undefined);
  assert.equal(encodeGrpcTimeout(0.2), "1m");
  assert.equal(encodeGrpcTimeout(1e12), "99999999m");
});

test("runtime/wire imports nothing but node built-ins and itself", () => {
  const dir = fileURLToPath(new URL("../../../runtime/wire/", import.meta.url));
  const files = readdirSync(dir).filter((f) => f.endsWith(".ts"));
  assert.ok(files.length >= 4, `found the wire sources in ${dir}`);
  for (const file of files) {
    const source = readFileSync(join(dir, file), "utf8");
    for (const [, spec] of source.matchAll(/\bfrom\s+"([^"]+)"/g)) {
      assert.ok(spec!.startsWith("./") || spec!.startsWith("node:"), `${file} imports ${spec}`);
    }
  }
});

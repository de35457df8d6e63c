// The gRPC call core the gateway and the CLI share, against a node:http2 server scripted per path: how each way
// a call can end is reported — above all "unprocessed" (refused before any answer), the one outcome on which the
// gateway retries another instance, which a call that was answered must never be taken for.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as http2 from "node:http2";
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { H2Call, type CallEnd } from "../../runtime/wire/h2-call.js";
import { encodeFrame } from "../../runtime/wire/index.js";
import { SessionPool } from "../../runtime/proxy/h2-pool.js";
import { until } from "../support/wait.js";

const { NGHTTP2_REFUSED_STREAM } = http2.constants;
const GRPC = { ":status": 200, "content-type": "application/grpc" };

async function withServer(fn: (pool: SessionPool, address: string, seen: { headers: http2.IncomingHttpHeaders[]; cancelled: string[] }) => Promise<void>): Promise<void> {
  const seen = { headers: [] as http2.IncomingHttpHeaders[], cancelled: [] as string[] };
  const server = http2.createServer();
  server.on("stream", (stream, headers) => {
    seen.headers.push(headers);
    const path = String(headers[":path"]);
    stream.on("error", () => undefined);
    stream.on("close", () => { if (stream.rstCode === http2.constants.NGHTTP2_CANCEL) seen.cancelled.push(path); });
    switch (path) {
      case "/t.S/Ok":
        stream.on("data", () => undefined);
        stream.on("end", () => {
          stream.respond(GRPC, { waitForTrailers: true });
          stream.on("wantTrailers", () => stream.sendTrailers({ "grpc-status": "0" }));
          stream.write(encodeFrame(Buffer.from("one")));
          stream.end(encodeFrame(Buffer.from("two")));
        });
        return;
      case "/t.S/Status": return void stream.respond({ ...GRPC, "grpc-status": "5", "grpc-message": "gone%20away" }, { endStream: true });
      case "/t.S/Http": return void stream.respond({ ":status": 503 }, { endStream: true });
      case "/t.S/Refuse": return void stream.close(NGHTTP2_REFUSED_STREAM);
      case "/t.S/Compressed":
        stream.respond(GRPC);
        return void stream.write(encodeFrame(Buffer.from("zz"), 1));
      case "/t.S/Huge":
        stream.respond(GRPC);
        return void stream.write(Buffer.from([0, 0x7f, 0xff, 0xff, 0xff]));
      case "/t.S/DieAfterAnswer":
        stream.respond(GRPC);
        return void setImmediate(() => stream.session?.destroy());
      case "/t.S/Silent":
      case "/t.S/Endless":
        if (path.endsWith("Endless")) {
          stream.respond(GRPC);
          const timer = setInterval(() => stream.write(encodeFrame(Buffer.from("tick"))), 5);
          stream.on("close", () => clearInterval(timer));
        }
        return;
    }
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const pool = new SessionPool({ ref: true });
  try {
    await fn(pool, `127.0.0.1:${(server.address() as AddressInfo).port}`, seen);
  } finally {
    pool.close();
    server.close();
  }
}

async function run(pool: SessionPool, address: string, path: string, timeoutMs = 0): Promise<{ end: CallEnd; messages: string[] }> {
  const call = new H2Call(await pool.connect(address), { path, metadata: { "micro-namespace": "ns", "x-extra": "1" }, timeoutMs });
  const messages: string[] = [];
  call.stream.on("data", (chunk: Buffer) => messages.push(...call.decode(chunk).map((m) => Buffer.from(m).toString())));
  call.end(Buffer.from("request"));
  return { end: await call.ended, messages };
}

test("a call's end: ok with its messages, a status, a non-gRPC answer, a malformed answer, a deadline", async () => {
  await withServer(async (pool, address, seen) => {
    assert.deepEqual(await run(pool, address, "/t.S/Ok", 30_000), { end: { kind: "ok" }, messages: ["one", "two"] });
    const sent = seen.headers[0]!;
    assert.deepEqual([sent[":method"], sent["content-type"], sent.te, sent["grpc-timeout"], sent["micro-namespace"], sent["x-extra"]],
      ["POST", "application/grpc", "trailers", "30000m", "ns", "1"]);
    assert.deepEqual((await run(pool, address, "/t.S/Status")).end, { kind: "status", status: 5, message: "gone%20away" });
    assert.deepEqual((await run(pool, address, "/t.S/Http")).end, { kind: "http", httpStatus: "503" });
    const compressed = await run(pool, address, "/t.S/Compressed");
    assert.equal(compressed.end.kind, "malformed");
    assert.deepEqual(compressed.messages, []);
    assert.match((await run(pool, address, "/t.S/Huge")).end.kind, /^malformed$/);
    assert.deepEqual((await run(pool, address, "/t.S/Silent", 100)).end, { kind: "deadline" });
    await until(async () => seen.cancelled.includes("/t.S/Silent") || undefined, "the deadline to cancel the stream on the server", 10_000, 10);
  });
});

test("refused before any answer is 'unprocessed' (safe to retry elsewhere); a server dying after it answered is not", async () => {
  await withServer(async (pool, address) => {
    assert.deepEqual((await run(pool, address, "/t.S/Refuse")).end, { kind: "unprocessed" });
    const died = await run(pool, address, "/t.S/DieAfterAnswer");
    assert.equal(died.end.kind, "dropped");
  });
});

test("cancel() and leaving messages() early both cancel the call on the server", async () => {
  await withServer(async (pool, address, seen) => {
    const call = new H2Call(await pool.connect(address), { path: "/t.S/Silent", metadata: {} });
    call.end();
    setTimeout(() => call.cancel(), 20);
    assert.deepEqual(await call.ended, { kind: "cancelled" });

    const endless = new H2Call(await pool.connect(address), { path: "/t.S/Endless", metadata: {} });
    endless.end();
    let n = 0;
    for await (const m of endless.messages()) {
      assert.equal(Buffer.from(m).toString(), "tick");
      if (++n === 3) break;
    }
    assert.deepEqual(await endless.ended, { kind: "cancelled" });
    await until(async () => (seen.cancelled.includes("/t.S/Silent") && seen.cancelled.includes("/t.S/Endless")) || undefined,
      "the server to see both calls cancelled", 10_000, 10);
  });
});

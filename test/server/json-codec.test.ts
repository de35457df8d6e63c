// gRPC+JSON (`application/grpc+json`), as Micro 3.0's client sends it: every RPC server here decodes the request
// and answers in JSON when the content-type says so — a builtin through the proxy, a framework service straight
// to its port — while protobuf callers are unchanged. Raw HTTP/2 calls, so the test sees the exact bytes and headers.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as http2 from "node:http2";
import { Helloworld } from "../gen/helloworld_pb.js";
import { Service } from "../../runtime/service/index.js";
import { NotFound } from "../../runtime/rpc/index.js";
import { FrameDecoder, encodeFrame, decodeGrpcMessage } from "../../runtime/wire/index.js";
import { withServer } from "../support/server.js";

interface RawReply { contentType: string | undefined; status: string | undefined; message: string; bodies: string[] }

/** One gRPC call over a fresh HTTP/2 session: `bodies` go out framed as they are; replies come back as text. */
async function rawCall(address: string, path: string, bodies: string[], metadata: Record<string, string>,
  contentType = "application/grpc+json"): Promise<RawReply> {
  const session = http2.connect(`http://${address}`);
  try {
    const stream = session.request({ ...metadata, ":method": "POST", ":path": path, "content-type": contentType, te: "trailers" });
    const decoder = new FrameDecoder();
    const out: string[] = [];
    let headers: http2.IncomingHttpHeaders = {};
    let trailers: http2.IncomingHttpHeaders = {};
    stream.on("response", (h) => { headers = h; });
    stream.on("trailers", (t) => { trailers = t; });
    stream.on("data", (chunk: Buffer) => { for (const f of decoder.push(chunk)) out.push(Buffer.from(f.data).toString("utf8")); });
    for (const b of bodies) stream.write(encodeFrame(Buffer.from(b, "utf8")));
    stream.end();
    await new Promise<void>((resolve, reject) => { stream.on("close", resolve); stream.on("error", reject); });
    const status = (trailers["grpc-status"] ?? headers["grpc-status"]) as string | undefined;
    const message = decodeGrpcMessage(String(trailers["grpc-message"] ?? headers["grpc-message"] ?? ""));
    return { contentType: headers["content-type"] as string | undefined, status, message, bodies: out };
  } finally {
    session.close();
  }
}

test("a builtin through the proxy: Store.Write and Store.Read in gRPC+JSON answer in JSON with proto field names", async () => {
  await withServer(async (server) => {
    const md = await server.adminMetadata("micro");
    const value = Buffer.from("hello json").toString("base64");
    // JSON names (camelCase) and proto names are both accepted in requests, as jsonpb does
    const write = await rawCall(server.proxyAddress, "/store.Store/Write", [JSON.stringify({ record: { key: "x", value, expiry: "0" } })], md);
    assert.equal(write.status, "0", write.message);
    assert.equal(write.contentType, "application/grpc+json");
    assert.deepEqual(JSON.parse(write.bodies[0]!), {});

    const read = await rawCall(server.proxyAddress, "/store.Store/Read", ['{"key":"x"}'], md);
    assert.equal(read.status, "0", read.message);
    assert.equal(read.contentType, "application/grpc+json");
    assert.equal(read.bodies.length, 1);
    // Micro 3.0's server codec: proto names, defaults emitted, bytes base64, int64 as a string
    assert.deepEqual(JSON.parse(read.bodies[0]!), { records: [{ key: "x", value, expiry: "0", metadata: {} }] });

    // an empty body is an empty request (Micro 3.0's codec reads nothing into the message); a builtin's stream
    const list = await rawCall(server.proxyAddress, "/store.Store/List", [""], md);
    assert.equal(list.status, "0", list.message);
    assert.deepEqual(list.bodies.flatMap((b) => JSON.parse(b).keys), ["x"]);

    // errors keep Micro's envelope and gRPC status: a missing key, and JSON that is not the request message
    const missing = await rawCall(server.proxyAddress, "/store.Store/Read", ['{"key":"nope"}'], md);
    assert.equal(missing.status, "5");
    assert.equal(JSON.parse(missing.message).code, 404);
    const bad = await rawCall(server.proxyAddress, "/store.Store/Read", ['{"kee":"x"}'], md);
    assert.equal(bad.status, "3");
    const envelope = JSON.parse(bad.message);
    assert.equal(envelope.code, 400);
    assert.match(envelope.detail, /cannot decode store\.ReadRequest from JSON/);
    assert.equal(bad.bodies.length, 0);

    // protobuf callers on the same server are answered in protobuf
    const proto = await rawCall(server.proxyAddress, "/store.Store/Read", [], md, "application/grpc");
    assert.notEqual(proto.contentType, "application/grpc+json");
  });
});

test("a framework service called directly in gRPC+JSON: unary and a server stream answer in JSON, errors keep the envelope", async () => {
  await withServer(async (server) => {
    const creds = await server.serviceAccount("micro", "jsonhello");
    const srv = new Service({ name: "jsonhello", env: { proxy: server.proxyAddress, namespace: "micro", ...creds } });
    srv.handle(Helloworld, {
      call: (req) => {
        if (req.name === "nobody") throw NotFound("jsonhello", "nobody is not here");
        return { msg: `Hello ${req.name}` };
      },
      message: (req) => ({ msg: req.name }),
      async *stream(req) { for (let i = 0n; i < req.count; i++) yield { count: i }; },
      async *pingPong(reqs) { for await (const p of reqs) yield { stroke: p.stroke }; },
    });
    const address = await srv.start();
    try {
      const md = await server.adminMetadata("micro");
      const call = await rawCall(address, "/helloworld.Helloworld/Call", ['{"name":"Alice"}'], md);
      assert.equal(call.status, "0", call.message);
      assert.equal(call.contentType, "application/grpc+json");
      assert.deepEqual(call.bodies.map((b) => JSON.parse(b)), [{ msg: "Hello Alice" }]);

      const stream = await rawCall(address, "/helloworld.Helloworld/Stream", ['{"count":"3"}'], md);
      assert.equal(stream.status, "0", stream.message);
      assert.deepEqual(stream.bodies.map((b) => JSON.parse(b)), [{ count: "0" }, { count: "1" }, { count: "2" }]);

      // bidi: every message in JSON, numbers accepted as JSON numbers too
      const bidi = await rawCall(address, "/helloworld.Helloworld/PingPong", ['{"stroke":5}', '{"stroke":"6"}'], md);
      assert.equal(bidi.status, "0", bidi.message);
      assert.deepEqual(bidi.bodies.map((b) => JSON.parse(b)), [{ stroke: "5" }, { stroke: "6" }]);

      const notFound = await rawCall(address, "/helloworld.Helloworld/Call", ['{"name":"nobody"}'], md);
      assert.equal(notFound.status, "5");
      assert.deepEqual(JSON.parse(notFound.message), { id: "jsonhello", code: 404, detail: "nobody is not here", status: "Not Found" });

      // Micro 3.0's clients name the package after the service they call (`/<service>.Debug/Health`); its servers
      // route by the handler and method alone, and so do ours when one handler owns the name
      const debug = await rawCall(address, "/jsonhello.Debug/Health", ["{}"], md);
      assert.equal(debug.status, "0", debug.message);
      assert.deepEqual(JSON.parse(debug.bodies[0]!), { status: "ok" });
      const aliased = await rawCall(address, "/jsonhello.Helloworld/Call", ['{"name":"Bob"}'], md);
      assert.deepEqual(aliased.bodies.map((b) => JSON.parse(b)), [{ msg: "Hello Bob" }]);
      const unknown = await rawCall(address, "/jsonhello.Nothing/Call", ["{}"], md);
      assert.equal(unknown.status, "12", unknown.message);

      // no token: still refused, in the same envelope
      const anonymous = await rawCall(address, "/helloworld.Helloworld/Call", ['{"name":"Alice"}'], {});
      assert.equal(anonymous.status, "16");
      assert.equal(JSON.parse(anonymous.message).code, 401);
    } finally {
      await srv.stop();
    }
  });
});

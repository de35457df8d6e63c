// Streaming endpoints: server streaming over SSE and WebSocket; client and bidi streaming over WebSocket.
import { test } from "node:test";
import assert from "node:assert/strict";
import WebSocket from "ws";
import { helloworld, kitchen, withGateway } from "./harness.js";

/** Opens a socket and collects every message until it closes (or the upgrade is refused with an HTTP answer). */
async function session(url: string, send: (ws: WebSocket) => void = () => undefined): Promise<{ messages: string[]; code: number; status?: number }> {
  const ws = new WebSocket(url);
  const messages: string[] = [];
  ws.on("message", (data) => messages.push(data.toString()));
  ws.on("error", () => undefined);
  ws.on("open", () => send(ws));
  return new Promise((resolve) => {
    ws.on("close", (code) => resolve({ messages, code }));
    ws.on("unexpected-response", (_req, res) => {
      res.resume();
      res.on("end", () => resolve({ messages, code: 0, status: res.statusCode }));
    });
  });
}

test("server streaming over Server-Sent Events", async () => {
  await withGateway(async (h) => {
    await h.host("kitchen", "micro", [kitchen()]);
    const res = await fetch(`${h.base}/kitchen/chunks?small=3`, { headers: { accept: "text/event-stream" } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), "text/event-stream");
    const text = await res.text();
    assert.equal(text, [
      'data: {"label":"chunk 0"}', 'data: {"label":"chunk 1","size":1}', 'data: {"label":"chunk 2","size":2}', "event: end\ndata: {}", "",
    ].join("\n\n"));
    // a failure after some messages is an error event with the envelope
    const failing = await (await fetch(`${h.base}/kitchen/chunks?small=1&flag=true`, { headers: { accept: "text/event-stream" } })).text();
    assert.match(failing, /event: error\ndata: \{"id":"kitchen","code":409,"detail":"stream failed on purpose","status":"Conflict"\}/);
    // a failure before any message is a plain HTTP error
    const early = await fetch(`${h.base}/kitchen/chunks?small=0&flag=true`, { headers: { accept: "text/event-stream" } });
    assert.equal(early.status, 409);
    // through a google.api.http binding too
    assert.match(await (await fetch(`${h.base}/v1/chunks/2`, { headers: { accept: "text/event-stream" } })).text(), /chunk 1/);
  });
});

test("server streaming over WebSocket: the request from the query, or from the first message", async () => {
  await withGateway(async (h) => {
    await h.host("helloworld", "micro", [helloworld()]);
    const ws = `ws://127.0.0.1:${h.port}`;
    const fromQuery = await session(`${ws}/helloworld/stream?count=3`);
    assert.deepEqual(fromQuery.messages, ["{}", '{"count":"1"}', '{"count":"2"}']);
    assert.equal(fromQuery.code, 1000);
    const fromMessage = await session(`${ws}/helloworld/stream`, (s) => s.send('{"count":2}'));
    assert.deepEqual(fromMessage.messages, ["{}", '{"count":"1"}']);
  });
});

test("client streaming and bidi over WebSocket; an empty frame half-closes", async () => {
  await withGateway(async (h) => {
    await h.host("kitchen", "micro", [kitchen()]);
    await h.host("helloworld", "micro", [helloworld()]);
    const ws = `ws://127.0.0.1:${h.port}`;
    const collected = await session(`${ws}/kitchen/collect`, (s) => { s.send('{"label":"a"}'); s.send('{"label":"b"}'); s.send(""); });
    assert.deepEqual(collected.messages, ['{"tags":["a","b"]}']);
    assert.equal(collected.code, 1000);
    const chat = await session(`${ws}/kitchen/chat`, (s) => {
      s.send('{"label":"x","size":2}');
      s.once("message", () => { s.send('{"label":"y","size":5}'); s.send(""); });
    });
    assert.deepEqual(chat.messages, ['{"label":"x","size":4}', '{"label":"y","size":10}']);
    const pingPong = await session(`${ws}/helloworld/ping-pong`, (s) => { s.send('{"stroke":1}'); s.send('{"stroke":"2"}'); s.send(""); });
    assert.deepEqual(pingPong.messages, ['{"stroke":"1"}', '{"stroke":"2"}']);
  });
});

test("WebSocket failures: the envelope, then close 4000+code; refused upgrades are HTTP errors", async () => {
  await withGateway(async (h) => {
    await h.host("kitchen", "micro", [kitchen()]);
    const ws = `ws://127.0.0.1:${h.port}`;
    const bad = await session(`${ws}/kitchen/chat`, (s) => s.send("{not json"));
    assert.equal(bad.code, 4400);
    assert.match(bad.messages.at(-1)!, /"code":400,"detail":"invalid JSON message/);
    const wrongType = await session(`${ws}/kitchen/chat`, (s) => s.send('{"size":"big"}'));
    assert.equal(wrongType.code, 4400);
    assert.match(wrongType.messages.at(-1)!, /field \\"size\\"/);
    const failing = await session(`${ws}/kitchen/chunks?small=1&flag=true`);
    assert.equal(failing.code, 4409);
    assert.equal((await session(`${ws}/nosuch/thing`)).status, 404);
    assert.equal((await session(`${ws}/kitchen/echo`)).status, 400);
  });
});

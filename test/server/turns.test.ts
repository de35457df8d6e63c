// The RPC server starts a bounded number of calls per event-loop turn (runtime/rpc/turns.ts), so that the first
// answers of a big read leave before the last calls have run. The queue alone: bound, order, every item started;
// then a real server: 40 calls sent in one write start over several turns, all answered, and calls the client
// reset while they waited are skipped without stalling the ones after them.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as http2 from "node:http2";
import { TurnQueue } from "../../runtime/rpc/turns.js";
import { RpcServer } from "../../runtime/rpc/index.js";
import { HelloworldService } from "../gen/helloworld_micro.js";

const nextTurn = () => new Promise((r) => setImmediate(r));

test("a turn queue starts at most its bound per turn, in arrival order, and every item eventually", async () => {
  const started: number[] = [];
  const queue = new TurnQueue<number>(8, (n) => started.push(n));
  for (let i = 0; i < 20; i++) queue.push(i);
  assert.deepEqual(started, [0, 1, 2, 3, 4, 5, 6, 7], "the first 8 start at once");
  assert.equal(queue.pending, 12);
  await nextTurn();
  assert.equal(started.length, 16, "8 more on the next turn");
  await nextTurn();
  assert.deepEqual(started, Array.from({ length: 20 }, (_, i) => i));
  assert.equal(queue.pending, 0);
  // an item pushed while others wait goes after them, never ahead
  for (let i = 20; i < 30; i++) queue.push(i);
  queue.push(30);
  await nextTurn();
  await nextTurn();
  await nextTurn();
  assert.deepEqual(started, Array.from({ length: 31 }, (_, i) => i));
});

/** A Helloworld.Call request for `name`, framed. */
function callFrame(name: string): Buffer {
  const body = Buffer.concat([Buffer.from([0x0a, Buffer.byteLength(name)]), Buffer.from(name)]);
  const frame = Buffer.alloc(5 + body.length);
  frame.writeUInt32BE(body.length, 1);
  body.copy(frame, 5);
  return frame;
}

test("40 calls arriving in one read start over several turns; reset ones are skipped, the rest answered", async () => {
  let turn = 0;
  const startedIn = new Map<number, number>();
  const server = new RpcServer();
  server.add(HelloworldService, {
    message: (req) => ({ msg: req.name }),
    async *stream() { /* not called */ },
    async *pingPong() { /* not called */ },
    call: (req) => {
      startedIn.set(turn, (startedIn.get(turn) ?? 0) + 1);
      return { msg: `Hello ${req.name}` };
    },
  });
  const port = await server.listen("127.0.0.1", 0);
  const session = http2.connect(`http://127.0.0.1:${port}`);
  let ticking = true;
  const tick = () => { turn++; if (ticking) setImmediate(tick); };
  tick();
  try {
    await new Promise((r, j) => { session.once("connect", r); session.once("error", j); });
    const answers = Array.from({ length: 40 }, (_, i) => {
      const req = session.request({ ":method": "POST", ":path": "/helloworld.Helloworld/Call", "content-type": "application/grpc", te: "trailers" });
      req.end(callFrame(`n${i}`));
      return { i, req };
    });
    // the last 5 are reset right away: they are still waiting for their turn when the server learns of it
    for (const { req } of answers.slice(35)) req.close(http2.constants.NGHTTP2_CANCEL);
    const replies = await Promise.all(answers.slice(0, 35).map(({ i, req }) => new Promise<{ i: number; status?: string; body: string }>((resolve, reject) => {
      let body = "";
      let status: string | undefined;
      req.on("data", (d: Buffer) => (body += d.subarray(5).toString()));
      req.on("trailers", (t) => (status = String(t["grpc-status"])));
      req.on("close", () => resolve({ i, status, body }));
      req.on("error", reject);
    })));
    for (const r of replies) assert.deepEqual([r.status, r.body.slice(2)], ["0", `Hello n${r.i}`], `call ${r.i}`);
    const perTurn = [...startedIn.values()];
    // one tick of the counter may hold the calls the read started and those of the check phase after it
    assert.ok(Math.max(...perTurn) <= 16, `at most 16 calls started in one turn: ${JSON.stringify([...startedIn])}`);
    assert.ok(perTurn.length >= 3, `the calls started over several turns: ${JSON.stringify([...startedIn])}`);
    // the queue did not stall on the reset calls: one more call is answered
    const late = session.request({ ":method": "POST", ":path": "/helloworld.Helloworld/Call", "content-type": "application/grpc", te: "trailers" });
    late.end(callFrame("late"));
    let lateBody = "";
    late.on("data", (d: Buffer) => (lateBody += d.subarray(5).toString()));
    await new Promise((r) => late.on("close", r));
    assert.equal(lateBody.slice(2), "Hello late");
  } finally {
    ticking = false;
    session.destroy();
    await server.close(100);
  }
});

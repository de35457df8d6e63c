// Durability: a store server in a child process takes writes as fast as they come, is killed with SIGKILL
// mid-load, and restarted on the same data dir; every write it acknowledged must be there.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { closeChannels, createGrpcTransport } from "../../runtime/rpc/index.js";
import { RemoteStore, text } from "../../runtime/store/index.js";

const CHILD = fileURLToPath(new URL("./fixtures/store-child.js", import.meta.url));
const WRITERS = 64;
const KILL_AFTER_ACKS = 3000;

async function startChild(dataDir: string): Promise<{ child: ChildProcess; store: RemoteStore }> {
  const child = spawn(process.execPath, [CHILD], {
    env: { ...process.env, STORE_CHILD_DATA_DIR: dataDir }, stdio: ["ignore", "pipe", "inherit"],
  });
  const lines = createInterface({ input: child.stdout! });
  const [line] = (await Promise.race([once(lines, "line"), once(child, "exit").then(() => ["exited"])])) as string[];
  const port = /^listening (\d+)$/.exec(line)?.[1];
  if (!port) throw new Error(`store child did not start: ${line}`);
  const transport = createGrpcTransport({ address: `127.0.0.1:${port}`, metadata: () => ({ "micro-namespace": "durable" }) });
  return { child, store: new RemoteStore(transport) };
}

test("every acknowledged write survives kill -9 of the store server", { timeout: 120_000 }, async () => {
  const dataDir = await mkdtemp(join(tmpdir(), "micro-store-durability-"));
  let first: ChildProcess | undefined;
  let second: ChildProcess | undefined;
  try {
    const started = await startChild(dataDir);
    first = started.child;
    const acked: string[] = [];
    let next = 0;
    let killed = false;
    const exited = once(first, "exit");
    // Writers stop at their first failure: once the server is gone every call fails.
    const writer = async () => {
      while (!killed) {
        const key = `key-${String(next++).padStart(8, "0")}`;
        try {
          await started.store.write({ key, value: `value of ${key}` });
        } catch {
          return;
        }
        acked.push(key);
        if (acked.length >= KILL_AFTER_ACKS && !killed) {
          killed = true;
          first!.kill("SIGKILL");
        }
      }
    };
    await Promise.all(Array.from({ length: WRITERS }, writer));
    const [, signal] = await exited;
    assert.equal(signal, "SIGKILL");
    const attempted = next;

    const restarted = await startChild(dataDir);
    second = restarted.child;
    const found = new Map<string, string>();
    for (const r of await restarted.store.read("key-", { prefix: true })) found.set(r.key, text(r));
    const recovered = acked.filter((key) => found.get(key) === `value of ${key}`).length;
    console.log(`acked ${acked.length}, recovered ${recovered} (attempted ${attempted}, on disk ${found.size})`);
    assert.ok(acked.length >= KILL_AFTER_ACKS);
    assert.equal(recovered, acked.length, "every acknowledged write is readable after the restart");
  } finally {
    first?.kill("SIGKILL");
    second?.kill("SIGKILL");
    closeChannels();
    await rm(dataDir, { recursive: true, force: true });
  }
});

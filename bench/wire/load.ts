// Child process of the wire bench: one client kind (clients.ts) against one address, `concurrency` calls always
// in flight for `seconds`, unary (Helloworld.Call) or server streams (Helloworld.Stream of STREAM_COUNT messages).
// Prints one JSON line {calls, errors, seconds, rps, p50Ms, p99Ms}. Arguments: kind address mode concurrency seconds.
import { closedLoop } from "../support/closed-loop.js";
import { createBenchClient, STREAM_COUNT, type Kind } from "./clients.js";

const [kind, address, mode, concurrencyText, secondsText] = process.argv.slice(2);
const concurrency = Number(concurrencyText);
const seconds = Number(secondsText);
const client = await createBenchClient(kind as Kind, address!);
// The gateway's session pool unrefs its sessions (a server keeps the gateway's process alive): so does this timer.
const alive = setInterval(() => undefined, 1000);

const once = mode === "stream"
  ? async () => { const n = await client.stream(STREAM_COUNT); if (n !== STREAM_COUNT) throw new Error(`got ${n} messages`); }
  : async () => { const msg = await client.call("Alice"); if (msg !== "Hello Alice") throw new Error(`unexpected reply ${msg}`); };

const result = await closedLoop(once, concurrency, seconds);
client.close();
clearInterval(alive);
process.stdout.write(JSON.stringify(result) + "\n");

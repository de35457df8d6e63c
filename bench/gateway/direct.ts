// Child process of the gateway bench: a grpc-js load generator calling Helloworld.Call on one address with
// `concurrency` calls always in flight for `seconds`, as wrk keeps its connections busy. Prints one JSON line:
// {calls, errors, seconds, rps, p50Ms, p99Ms}. Arguments: address concurrency seconds; MICRO_TOKEN, the access token
// every call carries (services admit no call without one, as a service calling another sends its own).
import { closeChannels, createGrpcTransport } from "../../runtime/rpc/index.js";
import { createHelloworldClient } from "../../test/gen/helloworld_micro.js";
import { closedLoop } from "../support/closed-loop.js";

const [address, concurrencyText, secondsText] = process.argv.slice(2);
const concurrency = Number(concurrencyText);
const seconds = Number(secondsText);
// without MICRO_TOKEN, calls carry no token (a Micro 3.0 service admits anonymous calls its rules allow)
const metadata: Record<string, string> = process.env.MICRO_TOKEN ? { authorization: `Bearer ${process.env.MICRO_TOKEN}` } : {};
const client = createHelloworldClient(createGrpcTransport({ address: address!, metadata: () => metadata }));

const result = await closedLoop(async () => {
  const reply = await client.call({ name: "Alice" });
  if (reply.msg !== "Hello Alice") throw new Error(`unexpected reply ${reply.msg}`);
}, concurrency, seconds);
closeChannels();
process.stdout.write(JSON.stringify(result) + "\n");

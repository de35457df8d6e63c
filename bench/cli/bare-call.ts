// The least a Node process can do to make the benchmarked call: node:http2 only, one unary gRPC call to
// helloworld.Helloworld/Call through the proxy with a hand-encoded request, the reply checked for "Hello Alice".
// `npm run bench:cli` times it as "the node floor plus the call". Argument: the proxy's host:port.
import * as http2 from "node:http2";

const address = process.argv[2]!;
const name = Buffer.from("Alice");
const message = Buffer.concat([Buffer.from([0x0a, name.length]), name]);
const frame = Buffer.alloc(5 + message.length);
frame.writeUInt32BE(message.length, 1);
message.copy(frame, 5);

const session = http2.connect(`http://${address}`);
const stream = session.request({
  ":method": "POST", ":path": "/helloworld.Helloworld/Call", "content-type": "application/grpc", te: "trailers",
  "micro-namespace": "micro", "micro-service": "helloworld",
});
const chunks: Buffer[] = [];
let status = "";
stream.on("response", (h) => { if (h["grpc-status"] !== undefined) status = String(h["grpc-status"]); });
stream.on("trailers", (h) => { status = String(h["grpc-status"]); });
stream.on("data", (c: Buffer) => chunks.push(c));
stream.on("close", () => {
  session.close();
  const reply = Buffer.concat(chunks).toString("latin1");
  if (status !== "0" || !reply.includes("Hello Alice")) {
    process.stderr.write(`call failed: grpc-status ${status}, reply ${JSON.stringify(reply)}\n`);
    process.exitCode = 1;
  }
});
stream.end(frame);

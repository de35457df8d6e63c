// Child process of the wire bench: the helloworld handlers on a bare RpcServer (grpc-js, as every service runs),
// in a process of its own so that the clients under test do not share its event loop. Prints `address <host:port>`.
import { RpcServer } from "../../runtime/rpc/index.js";
import { HelloworldService } from "../../test/gen/helloworld_micro.js";
import { helloworldHandlers } from "../support/helloworld.js";

const server = new RpcServer();
server.add(HelloworldService, helloworldHandlers, { name: "helloworld" });
const port = await server.listen("127.0.0.1", 0);
process.stdout.write(`address 127.0.0.1:${port}\n`);
process.on("SIGTERM", () => void server.close(100).finally(() => process.exit(0)));

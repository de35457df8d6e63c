import { Command, Option } from "clipanion";
import { MicroCommand } from "./base.js";
import { runCall } from "../remote/call.js";

export class CallCommand extends MicroCommand {
  static override paths = [["call"]];
  static override usage = Command.Usage({
    category: "Services",
    description: "Call a service endpoint with a JSON request and print the JSON response",
    details: "The request defaults to {}. Streaming endpoints print one JSON line per message as it arrives.",
    examples: [
      ["Call helloworld", "$0 call helloworld Helloworld.Call '{\"name\": \"Alice\"}'"],
      ["With metadata and a timeout", "$0 call --metadata trace=1 --request_timeout 5s helloworld Helloworld.Call '{}'"],
    ],
  });

  service = Option.String({ name: "service" });
  endpoint = Option.String({ name: "endpoint" });
  body = Option.String({ name: "json", required: false });
  metadata = Option.Array("--metadata", { description: "Request metadata key=value (repeatable)" });
  requestTimeout = Option.String("--request-timeout", { description: "Deadline for the call, e.g. 5s (also --request_timeout)" });
  output = Option.String("--output,-o", "json", { description: "json (pretty, default) or raw (one line)" });

  async execute(): Promise<number> {
    return runCall(this, { stream: false });
  }
}

import { Command, Option } from "clipanion";
import { MicroCommand } from "./base.js";
import { runCall } from "../remote/call.js";

export class StreamCommand extends MicroCommand {
  static override paths = [["stream"]];
  static override usage = Command.Usage({
    category: "Services",
    description: "Call a streaming endpoint and print each message as it arrives (one JSON line each)",
    examples: [["Stream from helloworld", "$0 stream helloworld Helloworld.Stream '{\"count\": 3}'"]],
  });

  service = Option.String({ name: "service" });
  endpoint = Option.String({ name: "endpoint" });
  body = Option.String({ name: "json", required: false });
  metadata = Option.Array("--metadata", { description: "Request metadata key=value (repeatable)" });
  requestTimeout = Option.String("--request-timeout", { description: "Deadline for the whole stream, e.g. 30s (also --request_timeout)" });

  async execute(): Promise<number> {
    return runCall(this, { stream: true });
  }
}

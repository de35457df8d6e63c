import { Command, Option } from "clipanion";
import { MicroCommand } from "./base.js";
import { parseJsonArgument } from "../remote/call.js";

export class PublishCommand extends MicroCommand {
  static override paths = [["publish"]];
  static override usage = Command.Usage({
    category: "Services",
    description: "Publish a JSON message to a broker topic (pub/sub; see `micro events publish` for durable streams)",
    examples: [["Publish a message", "$0 publish greetings '{\"name\": \"Alice\"}'"]],
  });

  topic = Option.String({ name: "topic" });
  message = Option.String({ name: "json" });

  async execute(): Promise<number> {
    parseJsonArgument(this.message, "message"); // refuse what subscribers could not decode
    const { Broker } = await import("../../gen/broker/broker_pb.js");
    const broker = await this.session().client(Broker);
    await broker.publish({
      topic: this.topic,
      message: { header: { "Content-Type": "application/json", "Micro-Topic": this.topic }, body: Buffer.from(this.message) },
    });
    return 0;
  }
}

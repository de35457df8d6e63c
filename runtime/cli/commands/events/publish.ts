import { Command, Option } from "clipanion";
import { MicroCommand } from "../base.js";
import { parseMetadata } from "../../remote/call.js";

export class EventsPublishCommand extends MicroCommand {
  static override paths = [["events", "publish"]];
  static override usage = Command.Usage({
    category: "Events",
    description: "Publish an event to a durable stream",
    examples: [["Publish an event", "$0 events publish orders '{\"id\": 42}'"], ["With metadata", "$0 events publish --metadata source=cli orders '{}'"]],
  });

  topic = Option.String({ name: "topic" });
  payload = Option.String({ name: "payload" });
  metadata = Option.Array("--metadata", { description: "Event metadata key=value (repeatable)" });

  async execute(): Promise<number> {
    const metadata = parseMetadata(this.metadata ?? []);
    const { Stream } = await import("../../../gen/events/events_pb.js");
    const events = await this.session().client(Stream);
    await events.publish({ topic: this.topic, payload: Buffer.from(this.payload), metadata });
    return 0;
  }
}

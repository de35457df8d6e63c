import { Command, Option } from "clipanion";
import { MicroCommand } from "../base.js";
import { CliError } from "../../errors.js";

export class EventsConsumeCommand extends MicroCommand {
  static override paths = [["events", "consume"]];
  static override usage = Command.Usage({
    category: "Events",
    description: "Print the events of a stream as they arrive, one JSON line each",
    details: "Without --offset only events published from now on arrive. Stops after --count events, or on Ctrl-C.",
    examples: [
      ["Follow a stream", "$0 events consume orders"],
      ["Replay the last hour, as group audit", "$0 events consume --group audit --offset $(($(date +%s) - 3600)) orders"],
    ],
  });

  topic = Option.String({ name: "topic" });
  group = Option.String("--group", { description: "Consumer group: its members share the events, and its position is kept" });
  offset = Option.String("--offset", { description: "Replay from this time: unix seconds or an ISO date" });
  count = Option.String("--count", { description: "Stop after this many events" });

  async execute(): Promise<number> {
    const offset = this.offset === undefined ? 0n : BigInt(Math.floor(parseTime(this.offset) / 1000));
    const count = this.count === undefined ? Infinity : Number(this.count);
    if (!(count > 0)) throw new CliError(`--count must be a positive integer (got "${this.count}")`);
    const { Stream } = await import("../../../gen/events/events_pb.js");
    const events = await this.session().client(Stream);
    let seen = 0;
    for await (const e of events.consume({ topic: this.topic, group: this.group ?? "", offset, autoAck: true })) {
      const text = Buffer.from(e.payload).toString("utf8");
      let payload: unknown = text;
      try { payload = JSON.parse(text); } catch { /* not JSON: print the text */ }
      this.print(JSON.stringify({ id: e.id, topic: e.topic, timestamp: Number(e.timestamp), metadata: e.metadata, payload }));
      if (++seen >= count) break;
    }
    return 0;
  }
}

function parseTime(text: string): number {
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new CliError(`--offset takes unix seconds or an ISO date (got "${text}")`);
  return ms;
}

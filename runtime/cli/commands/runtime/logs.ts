import { Command, Option } from "clipanion";
import { MicroCommand } from "../base.js";
import { parseDuration } from "../../duration.js";
import { CliError } from "../../errors.js";

/** Without --lines: every line. Sent as a count no log reaches, not 0: our server reads 0 as "all", but Micro
 * 3.0's tails count × 200 bytes, so 0 prints nothing there (its own CLI sends 15). */
const ALL_LINES = 1_000_000_000;

export class LogsCommand extends MicroCommand {
  static override paths = [["logs"]];
  static override usage = Command.Usage({
    category: "Runtime",
    description: "Show a service's build and run logs",
    examples: [
      ["Everything kept", "$0 logs helloworld"],
      ["The last 20 lines, then follow", "$0 logs -n 20 -f helloworld"],
      ["The last 5 minutes", "$0 logs --since 5m helloworld"],
    ],
  });

  service = Option.String({ name: "service" });
  follow = Option.Boolean("--follow,-f", false, { description: "Keep printing new lines as they are written" });
  since = Option.String("--since", { description: "Only lines newer than this, e.g. 10m or 1h" });
  lines = Option.String("--lines,-n", { description: "Only the last N lines" });
  output = Option.String("--output,-o", "text", { description: "text (the log lines, default) or json (one record per line)" });

  async execute(): Promise<number> {
    if (this.output !== "text" && this.output !== "json") throw new CliError(`--output must be text or json (got "${this.output}")`);
    const count = this.lines === undefined ? ALL_LINES : Number(this.lines);
    if (!Number.isInteger(count) || count < 0) throw new CliError(`--lines must be a whole number (got "${this.lines}")`);
    const since = this.since ? BigInt(Math.floor((Date.now() - parseDuration(this.since, "--since")) / 1000)) : 0n;
    const { Runtime } = await import("../../../gen/runtime/runtime_pb.js");
    const session = this.session();
    const runtime = await session.client(Runtime);
    const stop = new AbortController();
    const onSignal = () => stop.abort();
    process.once("SIGINT", onSignal);
    try {
      const records = runtime.logs({ service: this.service, stream: this.follow, count: BigInt(count), since, options: { namespace: session.namespace } }, { signal: stop.signal });
      for await (const r of records) {
        if (this.output === "json") this.print(JSON.stringify({ timestamp: Number(r.timestamp), stream: r.metadata.stream, message: r.message }));
        else this.print(r.message);
      }
    } catch (err) {
      if (!stop.signal.aborted) throw err;
    } finally {
      process.off("SIGINT", onSignal);
    }
    return 0;
  }
}

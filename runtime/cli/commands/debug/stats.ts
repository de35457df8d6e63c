import { Command, Option } from "clipanion";
import { ReadCommand } from "../base.js";
import { renderTable } from "../../output/format.js";

export class DebugStatsCommand extends ReadCommand {
  static override paths = [["debug", "stats"]];
  static override usage = Command.Usage({
    category: "Debug",
    description: "Show a service's runtime statistics (uptime, memory, requests, errors)",
    examples: [["Stats of helloworld", "$0 debug stats helloworld"]],
  });

  service = Option.String({ name: "service" });

  async execute(): Promise<number> {
    const { debugStats } = await import("./call.js");
    const stats = await debugStats(this.session(), this.service);
    if (this.format === "json") {
      this.printJson({ service: this.service, ...stats });
      return 0;
    }
    const rows = Object.entries(stats).map(([name, value]) => ({ name, value: String(value) }));
    this.print(renderTable(rows, [
      { header: "STAT", value: (r) => r.name },
      { header: "VALUE", value: (r) => r.value },
    ], { header: this.format === "table", style: this.style }));
    return 0;
  }
}

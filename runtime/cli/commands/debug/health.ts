import { Command, Option } from "clipanion";
import { ReadCommand } from "../base.js";

export class DebugHealthCommand extends ReadCommand {
  static override paths = [["debug", "health"]];
  static override usage = Command.Usage({
    category: "Debug",
    description: "Ask a service whether it is healthy (prints ok)",
    examples: [["Check helloworld", "$0 debug health helloworld"]],
  });

  service = Option.String({ name: "service" });

  async execute(): Promise<number> {
    const { debugHealth } = await import("./call.js");
    const status = await debugHealth(this.session(), this.service);
    if (this.format === "json") this.printJson({ service: this.service, status });
    else this.print(status);
    return status === "ok" ? 0 : 1;
  }
}

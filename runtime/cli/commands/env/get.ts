import { Command } from "clipanion";
import { MicroCommand } from "../base.js";
import { ConfigStore } from "../../settings/store.js";

export class EnvGetCommand extends MicroCommand {
  static override paths = [["env", "get"]];
  static override usage = Command.Usage({
    category: "Environments",
    description: "Print the name of the current environment",
    examples: [["Current environment", "$0 env get"]],
  });

  async execute(): Promise<number> {
    const config = new ConfigStore(this.context.env, (l) => this.note(l));
    this.print(config.current(this.env ?? this.context.envOverride).name);
    return 0;
  }
}

import { Command, Option } from "clipanion";
import { MicroCommand } from "../base.js";
import { ConfigStore } from "../../settings/store.js";
import { deleteEnvironment } from "../../settings/envs.js";

export class EnvDelCommand extends MicroCommand {
  static override paths = [["env", "del"]];
  static override usage = Command.Usage({
    category: "Environments",
    description: "Delete an environment you added (not the current one)",
    examples: [["Delete an environment", "$0 env del foobar"]],
  });

  name = Option.String({ name: "name" });

  async execute(): Promise<number> {
    const config = new ConfigStore(this.context.env, (l) => this.note(l));
    // the saved current environment and the one this invocation uses (--env, MICRO_ENV) are both off limits
    const inUse = config.currentName(this.env ?? this.context.envOverride);
    config.update((data) => {
      const saved = data.env ?? "local";
      deleteEnvironment(data, this.name, this.name === saved ? saved : inUse, this.context.env);
    });
    return 0;
  }
}

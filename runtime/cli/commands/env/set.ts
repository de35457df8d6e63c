import { Command, Option } from "clipanion";
import { MicroCommand } from "../base.js";
import { ConfigStore } from "../../config/store.js";
import { setCurrentEnvironment } from "../../config/envs.js";

export class EnvSetCommand extends MicroCommand {
  static override paths = [["env", "set"]];
  static override usage = Command.Usage({
    category: "Environments",
    description: "Make an environment the current one",
    examples: [["Use the local server", "$0 env set local"], ["Use the dev environment", "$0 env set dev"]],
  });

  name = Option.String({ name: "name" });

  async execute(): Promise<number> {
    const config = new ConfigStore(this.context.env, (l) => this.note(l));
    config.update((data) => setCurrentEnvironment(data, this.name, this.context.env));
    return 0;
  }
}

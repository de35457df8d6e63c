import { Command, Option } from "clipanion";
import { MicroCommand } from "../base.js";

export class ConfigDelCommand extends MicroCommand {
  static override paths = [["config", "del"], ["config", "delete"]];
  static override usage = Command.Usage({
    category: "Config",
    description: "Delete a config value",
    examples: [["Delete a value", "$0 config del helloworld.greeting"]],
  });

  keyPath = Option.String({ name: "path" });
  namespace = Option.String("--namespace", { description: "Namespace (default: the current one)" });

  async execute(): Promise<number> {
    const { Config } = await import("../../../gen/config/config_pb.js");
    const session = this.session();
    const config = await session.client(Config);
    await config.delete({ path: this.keyPath, namespace: this.namespace || session.namespace });
    return 0;
  }
}

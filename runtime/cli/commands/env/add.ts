import { Command, Option } from "clipanion";
import { MicroCommand } from "../base.js";
import { ConfigStore } from "../../settings/store.js";
import { addEnvironment } from "../../settings/envs.js";

export class EnvAddCommand extends MicroCommand {
  static override paths = [["env", "add"]];
  static override usage = Command.Usage({
    category: "Environments",
    description: "Add an environment, or point an existing one (dev, platform, yours) at another proxy",
    details: "ADDR is the proxy's host:port (port 443, with TLS, when omitted). Without ADDR the environment uses the local server, e.g. for a second account or namespace.",
    examples: [
      ["Add an environment", "$0 env add foobar proxy.foo.com:443"],
      ["Point dev at your own server", "$0 env add dev micro.example.com:8081"],
    ],
  });

  name = Option.String({ name: "name" });
  address = Option.String({ name: "addr", required: false });
  description = Option.String("--description", { description: "Shown by `micro env`" });

  async execute(): Promise<number> {
    const config = new ConfigStore(this.context.env, (l) => this.note(l));
    config.update((data) => addEnvironment(data, this.name, this.address, this.description));
    return 0;
  }
}

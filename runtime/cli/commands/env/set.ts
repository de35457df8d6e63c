import { Command, Option } from "clipanion";
import { MicroCommand } from "../base.js";
import { ConfigStore } from "../../settings/store.js";
import { environment, setCurrentEnvironment, type Environment } from "../../settings/envs.js";

/** The address, and for local where its port comes from (the variable is easy to forget in another shell). */
export function describeAddress(env: Environment, vars: Record<string, string | undefined>): string {
  if (env.name !== "local") return env.proxy;
  return vars.MICRO_PROXY_PORT
    ? `${env.proxy} (port from MICRO_PROXY_PORT=${vars.MICRO_PROXY_PORT} in this shell; local follows it on every command)`
    : `${env.proxy} (for a server on another port, set MICRO_PROXY_PORT to its proxy port)`;
}

export class EnvSetCommand extends MicroCommand {
  static override paths = [["env", "set"]];
  static override usage = Command.Usage({
    category: "Environments",
    description: "Make an environment the current one, and print the proxy address it points at",
    details: "The built-in local is 127.0.0.1:8081, or 127.0.0.1:$MICRO_PROXY_PORT when MICRO_PROXY_PORT is set in the shell that runs micro: it follows the variable on every command, so a server started on another port is reached by exporting the same MICRO_PROXY_PORT for the CLI.",
    examples: [["Use the local server", "$0 env set local"], ["Use the dev environment", "$0 env set dev"]],
  });

  name = Option.String({ name: "name" });

  async execute(): Promise<number> {
    const config = new ConfigStore(this.context.env, (l) => this.note(l));
    config.update((data) => setCurrentEnvironment(data, this.name, this.context.env));
    this.note(`Now using ${this.name}: ${describeAddress(environment(config.data, this.name, this.context.env)!, this.context.env)}`);
    return 0;
  }
}

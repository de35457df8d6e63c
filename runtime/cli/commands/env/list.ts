import { Command } from "clipanion";
import { ReadCommand } from "../base.js";
import { ConfigStore } from "../../settings/store.js";
import { listEnvironments, type Environment } from "../../settings/envs.js";
import { renderTable } from "../../output/format.js";

export class EnvListCommand extends ReadCommand {
  static override paths = [["env"], ["env", "list"]];
  static override usage = Command.Usage({
    category: "Environments",
    description: "List the environments, the current one marked with *",
    details: "Built in: local (127.0.0.1:8081, or 127.0.0.1:$MICRO_PROXY_PORT when that is set in the CLI's shell: local follows it on every command), dev and platform. Add your own with `micro env add`.",
    examples: [["List environments", "$0 env"], ["As JSON", "$0 env --output json"]],
  });

  async execute(): Promise<number> {
    const config = new ConfigStore(this.context.env, (l) => this.note(l));
    const current = config.currentName(this.env ?? this.context.envOverride);
    const envs = listEnvironments(config.data, this.context.env);
    if (this.format === "json") {
      this.printJson(envs.map((e) => ({ name: e.name, proxy: e.proxy, description: e.description, namespace: e.namespace, current: e.name === current })));
      return 0;
    }
    const style = this.style;
    const isCurrent = (e: Environment) => e.name === current;
    this.print(renderTable(envs, [
      { header: "", value: (e) => (isCurrent(e) ? "*" : " "), paint: (t, e) => (isCurrent(e) ? style.green(t) : t) },
      { header: "NAME", value: (e) => e.name, paint: (t, e) => (isCurrent(e) ? style.bold(style.green(t)) : t) },
      { header: "PROXY", value: (e) => e.proxy },
      { header: "DESCRIPTION", value: (e) => e.description + portNote(e, this.context.env), paint: (t) => style.dim(t) },
    ], { header: this.format === "table", style }));
    return 0;
  }
}

/** Why local is not on 8081: the port came from this shell's MICRO_PROXY_PORT. */
function portNote(e: Environment, vars: Record<string, string | undefined>): string {
  return e.name === "local" && vars.MICRO_PROXY_PORT ? " (port from MICRO_PROXY_PORT)" : "";
}

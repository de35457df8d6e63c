import { Command, Option } from "clipanion";
import { ReadCommand } from "../base.js";
import { toPrettyJson } from "../../output/format.js";
import { CliError } from "../../errors.js";

export class ConfigGetCommand extends ReadCommand {
  static override paths = [["config", "get"]];
  static override usage = Command.Usage({
    category: "Config",
    description: "Print a config value (strings as they are, anything else as JSON)",
    details: "Paths are dotted: `a.b` is key b of the object at a. A missing path fails with \"not found\".",
    examples: [["Read a value", "$0 config get helloworld.greeting"], ["Read a secret", "$0 config get --secret helloworld.apikey"]],
  });

  keyPath = Option.String({ name: "path" });
  secret = Option.Boolean("--secret", false, { description: "Decrypt a value that was set with --secret" });
  namespace = Option.String("--namespace", { description: "Namespace (default: the current one)" });

  async execute(): Promise<number> {
    const { Config } = await import("../../../gen/config/config_pb.js");
    const session = this.session();
    const config = await session.client(Config);
    const { value } = await config.get({ path: this.keyPath, namespace: this.namespace || session.namespace, options: { secret: this.secret } });
    const data = value?.data ?? "";
    // Micro 3.0's server answers a missing path with the value null rather than an error: its CLI says "not found"
    if (data.trim() === "" || data.trim() === "null") throw new CliError("not found");
    let parsed: unknown = data;
    try { parsed = JSON.parse(data); } catch { /* not JSON: print as stored */ }
    if (this.format === "json") this.print(toPrettyJson(parsed));
    else this.print(typeof parsed === "string" ? parsed : toPrettyJson(parsed));
    return 0;
  }
}

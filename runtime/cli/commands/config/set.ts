import { Command, Option } from "clipanion";
import { MicroCommand } from "../base.js";

export class ConfigSetCommand extends MicroCommand {
  static override paths = [["config", "set"]];
  static override usage = Command.Usage({
    category: "Config",
    description: "Set a config value: JSON when VALUE parses as JSON, else a string",
    details: "Objects are merged into what is there; scalars replace it. --secret stores the value encrypted.",
    examples: [
      ["Set a string", "$0 config set helloworld.greeting hello"],
      ["Set an object", "$0 config set helloworld '{\"greeting\": \"hello\", \"count\": 3}'"],
      ["Set a secret", "$0 config set --secret helloworld.apikey abc123"],
    ],
  });

  keyPath = Option.String({ name: "path" });
  value = Option.String({ name: "value" });
  secret = Option.Boolean("--secret", false, { description: "Store the value encrypted" });
  namespace = Option.String("--namespace", { description: "Namespace (default: the current one)" });

  async execute(): Promise<number> {
    const { Config } = await import("../../../gen/config/config_pb.js");
    const session = this.session();
    const config = await session.client(Config);
    // the namespace is always named, as Micro 3.0's config client does: its server answers "key required" to an empty one
    await config.set({
      path: this.keyPath, namespace: this.namespace || session.namespace, value: { data: asJson(this.value), format: "json" }, options: { secret: this.secret },
    });
    return 0;
  }
}

/** `3`, `true`, `{"a":1}` stay JSON; anything else (`hello`, `<b>`) becomes a JSON string. */
export function asJson(value: string): string {
  try {
    JSON.parse(value);
    return value;
  } catch {
    return JSON.stringify(value);
  }
}

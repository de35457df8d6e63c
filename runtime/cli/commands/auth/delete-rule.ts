import { Command, Option } from "clipanion";
import { MicroCommand } from "../base.js";

export class AuthDeleteRuleCommand extends MicroCommand {
  static override paths = [["auth", "delete", "rule"]];
  static override usage = Command.Usage({
    category: "Auth",
    description: "Delete an access rule (needs the admin scope)",
    examples: [["Delete the default rule", "$0 auth delete rule default"]],
  });

  id = Option.String({ name: "id" });
  namespace = Option.String("--namespace", { description: "Namespace of the rule (default: the current one)" });

  async execute(): Promise<number> {
    const { Rules } = await import("../../../gen/auth/auth_pb.js");
    const client = await this.session().client(Rules);
    await client.delete({ id: this.id, options: { namespace: this.namespace ?? "" } });
    return 0;
  }
}

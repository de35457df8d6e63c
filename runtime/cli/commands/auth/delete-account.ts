import { Command, Option } from "clipanion";
import { MicroCommand } from "../base.js";

export class AuthDeleteAccountCommand extends MicroCommand {
  static override paths = [["auth", "delete", "account"]];
  static override usage = Command.Usage({
    category: "Auth",
    description: "Delete an account (needs the admin scope)",
    examples: [["Delete an account", "$0 auth delete account bob@example.com"]],
  });

  id = Option.String({ name: "id" });
  namespace = Option.String("--namespace", { description: "Namespace of the account (default: the current one)" });

  async execute(): Promise<number> {
    const { Accounts } = await import("../../../gen/auth/auth_pb.js");
    const client = await this.session().client(Accounts);
    await client.delete({ id: this.id, options: { namespace: this.namespace ?? "" } });
    return 0;
  }
}

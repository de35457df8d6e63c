import { Command, Option } from "clipanion";
import { MicroCommand } from "../base.js";

export class AuthCreateAccountCommand extends MicroCommand {
  static override paths = [["auth", "create", "account"]];
  static override usage = Command.Usage({
    category: "Auth",
    description: "Create an account in a namespace (needs the admin scope); prints a generated secret once",
    examples: [
      ["A user with a generated password", "$0 auth create account bob@example.com"],
      ["An admin with a chosen password", "$0 auth create account --secret s3cret --scopes admin alice"],
    ],
  });

  id = Option.String({ name: "id" });
  secret = Option.String("--secret", { description: "Password of the account (generated and printed when omitted)" });
  scopes = Option.String("--scopes", { description: "Comma-separated scopes, e.g. admin" });
  type = Option.String("--type", "user", { description: "user or service" });
  name = Option.String("--name", { description: "Display name" });
  namespace = Option.String("--namespace", { description: "Namespace of the account (default: the current one)" });

  async execute(): Promise<number> {
    const { Auth } = await import("../../../gen/auth/auth_pb.js");
    const client = await this.session().client(Auth);
    const scopes = (this.scopes ?? "").split(",").map((s) => s.trim()).filter(Boolean);
    const { account } = await client.generate({
      id: this.id, secret: this.secret ?? "", scopes, type: this.type, name: this.name ?? "", options: { namespace: this.namespace ?? "" },
    });
    this.print(`Account ${account?.id ?? this.id} created in namespace ${account?.issuer || this.namespace || this.session().namespace}.`);
    if (!this.secret && account?.secret) this.print(`Secret: ${account.secret}`);
    return 0;
  }
}

import { Command, Option } from "clipanion";
import { MicroCommand } from "../base.js";
import { Prompter } from "../../prompt.js";
import { givenSecret } from "../login.js";

export class AuthCreateAccountCommand extends MicroCommand {
  static override paths = [["auth", "create", "account"]];
  static override usage = Command.Usage({
    category: "Auth",
    description: "Create an account in a namespace (needs the admin scope); prints a generated secret once",
    examples: [
      ["A user with a generated password", "$0 auth create account bob@example.com"],
      ["An admin with a chosen password, read from a file", "$0 auth create account --secret-stdin --scopes admin alice < password.txt"],
    ],
  });

  id = Option.String({ name: "id" });
  secret = Option.String("--secret", { description: "Password of the account (generated and printed when omitted). Visible in the process list: prefer --secret-stdin" });
  secretStdin = Option.Boolean("--secret-stdin", false, { description: "Read the password from the first line of standard input" });
  scopes = Option.String("--scopes", { description: "Comma-separated scopes, e.g. admin" });
  type = Option.String("--type", "user", { description: "user or service" });
  name = Option.String("--name", { description: "Display name" });
  namespace = Option.String("--namespace", { description: "Namespace of the account (default: the current one)" });

  async execute(): Promise<number> {
    const { Auth } = await import("../../../gen/auth/auth_pb.js");
    const client = await this.session().client(Auth);
    const scopes = (this.scopes ?? "").split(",").map((s) => s.trim()).filter(Boolean);
    const prompter = new Prompter(this.context);
    const chosen = await givenSecret(prompter, { value: this.secret, stdin: this.secretStdin, flag: "--secret" }).finally(() => prompter.close());
    const { account } = await client.generate({
      id: this.id, secret: chosen ?? "", scopes, type: this.type, name: this.name ?? "", options: { namespace: this.namespace ?? "" },
    });
    this.print(`Account ${account?.id ?? this.id} created in namespace ${account?.issuer || this.namespace || this.session().namespace}.`);
    if (!chosen && account?.secret) this.print(`Secret: ${account.secret}`);
    return 0;
  }
}

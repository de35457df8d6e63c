import { Command, Option } from "clipanion";
import { ReadCommand } from "../base.js";
import { renderTable } from "../../output/format.js";

export class AuthListAccountsCommand extends ReadCommand {
  static override paths = [["auth", "list", "accounts"]];
  static override usage = Command.Usage({
    category: "Auth",
    description: "List the accounts of a namespace (needs the admin scope)",
    examples: [["Accounts of your namespace", "$0 auth list accounts"], ["Of another namespace", "$0 auth list accounts --namespace foo"]],
  });

  namespace = Option.String("--namespace", { description: "Namespace to list (default: the current one)" });

  async execute(): Promise<number> {
    const { Accounts } = await import("../../../gen/auth/auth_pb.js");
    const client = await this.session().client(Accounts);
    const { accounts } = await client.list({ options: { namespace: this.namespace ?? "" } });
    const rows = accounts.map((a) => ({ id: a.id, name: a.name, type: a.type, issuer: a.issuer, scopes: [...a.scopes], metadata: { ...a.metadata } }))
      .sort((a, b) => a.id.localeCompare(b.id));
    if (this.format === "json") this.printJson(rows);
    else this.print(renderTable(rows, [
      { header: "ID", value: (a) => a.id },
      { header: "NAME", value: (a) => a.name },
      { header: "TYPE", value: (a) => a.type },
      { header: "SCOPES", value: (a) => a.scopes.join(",") },
    ], { header: this.format === "table", style: this.style }));
    return 0;
  }
}

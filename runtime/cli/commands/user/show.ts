import { Command } from "clipanion";
import { ReadCommand } from "../base.js";
import { CliError, ExitCode } from "../../errors.js";
import { renderTable } from "../../output/format.js";

export class UserCommand extends ReadCommand {
  static override paths = [["user"]];
  static override usage = Command.Usage({
    category: "Auth",
    description: "Show the account logged in to the current environment",
    examples: [["Who am I", "$0 user"], ["All details as JSON", "$0 user --output json"]],
  });

  async execute(): Promise<number> {
    const session = this.session();
    const account = session.account;
    if (!account) throw new CliError(`not logged in to ${session.env.name}: run \`micro login\``, ExitCode.unauthorized);
    const view = { id: account.id, name: account.name ?? "", type: account.type ?? "", namespace: session.namespace, scopes: account.scopes ?? [], env: session.env.name };
    if (this.format === "json") this.printJson(view);
    else if (this.format === "text") this.print(account.id);
    else {
      this.print(renderTable([view], [
        { header: "ID", value: (v) => v.id },
        { header: "NAMESPACE", value: (v) => v.namespace },
        { header: "TYPE", value: (v) => v.type },
        { header: "SCOPES", value: (v) => v.scopes.join(",") },
        { header: "ENV", value: (v) => v.env },
      ], { header: true, style: this.style }));
    }
    return 0;
  }
}

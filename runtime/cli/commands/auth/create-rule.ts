import { Command, Option } from "clipanion";
import { MicroCommand } from "../base.js";
import { CliError } from "../../errors.js";

export class AuthCreateRuleCommand extends MicroCommand {
  static override paths = [["auth", "create", "rule"]];
  static override usage = Command.Usage({
    category: "Auth",
    description: "Create an access rule (needs the admin scope)",
    details: "Scopes: \"\" anyone (public), \"*\" any account of the namespace, \"+\" any account of any namespace, else accounts holding that scope. Rules are tried by priority, highest first; the first that matches decides.",
    examples: [
      ["Lock the namespace down to its accounts", "$0 auth create rule --access=granted --scope='*' --resource='*:*:*' --priority=1 onlyaccounts"],
      ["Deny one endpoint to everyone", "$0 auth create rule --access=denied --resource=service:helloworld:Helloworld.Call --priority=10 nocall"],
    ],
  });

  id = Option.String({ name: "id" });
  access = Option.String("--access", "granted", { description: "granted or denied" });
  scope = Option.String("--scope", "", { description: "Scope the rule applies to (\"\" public, \"*\" accounts of the namespace, \"+\" any account)" });
  resource = Option.String("--resource", { required: true, description: "type:name:endpoint, \"*\" wildcards, e.g. service:helloworld:*" });
  priority = Option.String("--priority", "0", { description: "Higher priorities are tried first" });
  namespace = Option.String("--namespace", { description: "Namespace of the rule (default: the current one)" });

  async execute(): Promise<number> {
    const { Rules, Access } = await import("../../../gen/auth/auth_pb.js");
    const access = { granted: Access.GRANTED, denied: Access.DENIED }[this.access.toLowerCase()];
    if (access === undefined) throw new CliError(`--access must be granted or denied (got "${this.access}")`);
    const parts = this.resource.split(":");
    if (parts.length !== 3 || parts.some((p) => p === "")) throw new CliError(`--resource must be type:name:endpoint, e.g. service:helloworld:* (got "${this.resource}")`);
    const priority = Number(this.priority);
    if (!Number.isInteger(priority)) throw new CliError(`--priority must be an integer (got "${this.priority}")`);
    const client = await this.session().client(Rules);
    await client.create({
      rule: { id: this.id, scope: this.scope, access, priority, resource: { type: parts[0], name: parts[1], endpoint: parts[2] } },
      options: { namespace: this.namespace ?? "" },
    });
    return 0;
  }
}

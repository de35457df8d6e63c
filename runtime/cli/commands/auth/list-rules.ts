import { Command, Option } from "clipanion";
import { ReadCommand } from "../base.js";
import { renderTable } from "../../output/format.js";

export class AuthListRulesCommand extends ReadCommand {
  static override paths = [["auth", "list", "rules"]];
  static override usage = Command.Usage({
    category: "Auth",
    description: "List the access rules of a namespace, highest priority first (needs the admin scope)",
    examples: [["Rules of your namespace", "$0 auth list rules"]],
  });

  namespace = Option.String("--namespace", { description: "Namespace to list (default: the current one)" });

  async execute(): Promise<number> {
    const { Rules, Access } = await import("../../../gen/auth/auth_pb.js");
    const client = await this.session().client(Rules);
    const { rules } = await client.list({ options: { namespace: this.namespace ?? "" } });
    const rows = rules.map((r) => ({
      id: r.id, scope: r.scope, access: (Access[r.access] ?? String(r.access)).toLowerCase(), priority: r.priority,
      resource: `${r.resource?.type ?? ""}:${r.resource?.name ?? ""}:${r.resource?.endpoint ?? ""}`,
    })).sort((a, b) => b.priority - a.priority || a.id.localeCompare(b.id));
    if (this.format === "json") this.printJson(rows);
    else this.print(renderTable(rows, [
      { header: "ID", value: (r) => r.id },
      { header: "SCOPE", value: (r) => describeScope(r.scope) },
      { header: "ACCESS", value: (r) => r.access },
      { header: "RESOURCE", value: (r) => r.resource },
      { header: "PRIORITY", value: (r) => String(r.priority) },
    ], { header: this.format === "table", style: this.style }));
    return 0;
  }
}

/** The wildcard scopes, spelled out: "" anyone, "*" accounts of the namespace, "+" any account. */
function describeScope(scope: string): string {
  return scope === "" ? "<public>" : scope;
}

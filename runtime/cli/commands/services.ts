import { Command } from "clipanion";
import { ReadCommand } from "./base.js";
import { renderTable } from "../output/format.js";

export class ServicesCommand extends ReadCommand {
  static override paths = [["services"]];
  static override usage = Command.Usage({
    category: "Services",
    description: "List the services registered in the current namespace, sorted by name",
    details: "The server's protocol services (grpc.reflection.v1 and v1alpha, for grpcurl and Postman) are not listed; `micro call` still reaches them by name.",
    examples: [["List services", "$0 services"], ["With versions", "$0 services --output table"]],
  });

  async execute(): Promise<number> {
    const { listVisibleServices } = await import("../remote/services.js");
    const services = await listVisibleServices(this.session());
    const byName = new Map<string, Set<string>>();
    for (const s of services) {
      const versions = byName.get(s.name) ?? new Set<string>();
      if (s.version) versions.add(s.version);
      byName.set(s.name, versions);
    }
    const rows = [...byName].map(([name, versions]) => ({ name, versions: [...versions].sort() })).sort((a, b) => a.name.localeCompare(b.name));
    if (this.format === "json") this.printJson(rows);
    else if (this.format === "text") this.print(rows.map((r) => r.name).join("\n"));
    else this.print(renderTable(rows, [
      { header: "NAME", value: (r) => r.name },
      { header: "VERSIONS", value: (r) => r.versions.join(",") },
    ], { header: true, style: this.style }));
    return 0;
  }
}

import { Command, Option } from "clipanion";
import { ReadCommand } from "../base.js";
import { renderTable } from "../../output/format.js";

export class StatusCommand extends ReadCommand {
  static override paths = [["status"]];
  static override usage = Command.Usage({
    category: "Runtime",
    description: "Show the services run by `micro run` in the current namespace",
    details: "Status is one of pending, building, starting, running, stopping, stopped, error.",
    examples: [["All services", "$0 status"], ["One service, as JSON", "$0 status helloworld --output json"]],
  });

  service = Option.String({ name: "service", required: false });

  async execute(): Promise<number> {
    const [{ Runtime }, { statusRow }] = await Promise.all([import("../../../gen/runtime/runtime_pb.js"), import("../../deploy/status.js")]);
    const session = this.session();
    const runtime = await session.client(Runtime);
    const { services } = await runtime.read({ options: { service: this.service ?? "", namespace: session.namespace } });
    const rows = services.map((s) => statusRow(s)).sort((a, b) => a.name.localeCompare(b.name));
    if (this.format === "json") return this.printJson(rows), 0;
    if (rows.length === 0) {
      this.note(this.service ? `No service ${this.service} in namespace ${session.namespace}` : `No services in namespace ${session.namespace} (start one with micro run)`);
      return this.service ? 1 : 0;
    }
    const style = this.style;
    const colour = (status: string, text: string) => (status === "running" ? style.green(text) : status === "error" ? style.red(text) : text);
    this.print(renderTable(rows, [
      { header: "NAME", value: (r) => r.name },
      { header: "VERSION", value: (r) => r.version },
      { header: "SOURCE", value: (r) => r.source },
      { header: "STATUS", value: (r) => r.status, paint: (text, r) => colour(r.status, text) },
      { header: "UPTIME", value: (r) => r.uptime },
      { header: "RESTARTS", value: (r) => String(r.restarts) },
      { header: "ERROR", value: (r) => r.error },
    ], { header: true, style }));
    return 0;
  }
}

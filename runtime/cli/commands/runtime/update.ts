import { Command, Option } from "clipanion";
import { MicroCommand } from "../base.js";
import { parseDuration } from "../../duration.js";
import { reportOutcome } from "./run.js";

export class UpdateCommand extends MicroCommand {
  static override paths = [["update"]];
  static override usage = Command.Usage({
    category: "Runtime",
    description: "Rebuild a service and replace the running instance with no failed request",
    details: "With a name, the server rebuilds from the source the service was run from (a git URL is fetched again). With a directory, that directory is uploaded first. The new instance registers before the old one drains.",
    examples: [["Rebuild from the same source", "$0 update helloworld"], ["Upload a changed directory", "$0 update ./helloworld"]],
  });

  service = Option.String({ name: "service" });
  detach = Option.Boolean("--detach,-d", false, { description: "Return once the server accepted the update" });
  wait = Option.String("--wait", "10m", { description: "How long to wait for the new instance (default 10m)" });

  async execute(): Promise<number> {
    const { Runtime } = await import("../../../gen/runtime/runtime_pb.js");
    const { parseTarget } = await import("../../deploy/source.js");
    const timeoutMs = parseDuration(this.wait, "--wait");
    const session = this.session();
    const { name, source: src } = parseTarget(this.service);
    // No source: the server rebuilds from the one the service was run from.
    const { sourceOf } = await import("../../deploy/upload.js");
    const source = src ? await sourceOf(session, name, "latest", src, (line) => this.note(line)) : "";
    const runtime = await session.client(Runtime);
    const startedAt = Date.now();
    // The server answers once the new instance has taken over (a build can take minutes): as long as --wait allows.
    const request = runtime.update({ resource: { service: { name, source } }, options: { namespace: session.namespace } }, { timeoutMs });
    if (this.detach) return await request, 0;
    this.note(`Updating ${name}`);
    const [code] = await Promise.all([reportOutcome(this, session, name, { timeoutMs, startedAfter: startedAt }), request]);
    return code;
  }
}

import { Command, Option } from "clipanion";
import { MicroCommand } from "../base.js";

export class KillCommand extends MicroCommand {
  static override paths = [["kill"]];
  static override usage = Command.Usage({
    category: "Runtime",
    description: "Stop a service started with `micro run` and forget it",
    details: "Accepts the name, or the directory / git URL it was run from.",
    examples: [["Stop helloworld", "$0 kill helloworld"]],
  });

  service = Option.String({ name: "service" });

  async execute(): Promise<number> {
    const { Runtime } = await import("../../../gen/runtime/runtime_pb.js");
    const { parseTarget } = await import("../../deploy/source.js");
    const { name } = parseTarget(this.service);
    const session = this.session();
    const runtime = await session.client(Runtime);
    await runtime.delete({ resource: { service: { name } }, options: { namespace: session.namespace } });
    this.note(`Service ${name} stopped`);
    return 0;
  }
}

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
    const options = { namespace: session.namespace };
    // what it was doing decides what the kill did: nothing of a service whose build failed was running
    const before = (await runtime.read({ options: { ...options, service: name } }).catch(() => undefined))?.services.find((s) => s.name === name);
    await runtime.delete({ resource: { service: { name } }, options });
    this.note(killed(name, before?.metadata));
    return 0;
  }
}

function killed(name: string, metadata: Record<string, string> | undefined): string {
  if (metadata?.build === "failed") return `Removed ${name} (its build had failed, so nothing was running)`;
  if (metadata?.status === "building") return `Removed ${name} (its build was stopped)`;
  return `Service ${name} stopped`;
}

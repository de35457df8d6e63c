import { Command, Option } from "clipanion";
import { MicroCommand } from "../base.js";
import { CliError } from "../../errors.js";
import { parseDuration } from "../../duration.js";
import type { Session } from "../../session/session.js";

export class RunCommand extends MicroCommand {
  static override paths = [["run"]];
  static override usage = Command.Usage({
    category: "Runtime",
    description: "Run a service from a local directory or a git URL",
    details: "A directory is uploaded; a git URL (https, ssh, file://, with @ref and a subdirectory path) is fetched by the server. The server installs and builds it, starts it in your namespace with its own service account, and restarts it if it crashes. Build output is shown until the service runs or fails.",
    examples: [
      ["Run the service in ./helloworld", "$0 run ./helloworld"],
      ["Run from git at a tag, in a subdirectory", "$0 run github.com/micro/services/helloworld@v1.0.0"],
      ["Pass environment variables", "$0 run --env_vars KEY=value ./helloworld"],
    ],
  });

  source = Option.String({ name: "source" });
  name = Option.String("--name", { description: "Service name (default: the directory's or repository path's last element)" });
  version = Option.String("--version", "latest", { description: "Version to record (default: latest)" });
  envVars = Option.Array("--env-vars", { description: "Environment variable KEY=VALUE for the service (repeatable; also --env_vars)" });
  detach = Option.Boolean("--detach,-d", false, { description: "Return once the server accepted the service, without waiting for the build" });
  wait = Option.String("--wait", "10m", { description: "How long to wait for the service to start (default 10m)" });

  async execute(): Promise<number> {
    const { parseSource, nameOf } = await import("../../deploy/source.js");
    const src = parseSource(this.source);
    const name = this.name ?? nameOf(src);
    const envVars = this.envVars ?? [];
    for (const kv of envVars) if (!/^[A-Za-z_][A-Za-z0-9_]*=/.test(kv)) throw new CliError(`--env_vars: "${kv}" is not KEY=VALUE`);
    const timeoutMs = parseDuration(this.wait, "--wait");
    const session = this.session();
    const { sourceOf } = await import("../../deploy/upload.js");
    const source = await sourceOf(session, name, this.version, src, (line) => this.note(line));
    const { Runtime } = await import("../../../gen/runtime/runtime_pb.js");
    const runtime = await session.client(Runtime);
    const startedAt = Date.now();
    await runtime.create({
      resource: { service: { name, version: this.version, source } },
      options: { env: envVars, namespace: session.namespace },
    });
    this.note(`Service ${name} created in namespace ${session.namespace}; building`);
    if (this.detach) return 0;
    return reportOutcome(this, session, name, { timeoutMs, startedAfter: startedAt - 1000 });
  }
}

/** Shared by run and update: follow the build, then say how it ended. */
export async function reportOutcome(cmd: MicroCommand, session: Session, name: string,
  o: { timeoutMs: number; startedAfter: number }): Promise<number> {
  const { followBuild } = await import("../../deploy/follow.js");
  const note = (line: string) => cmd.context.stderr.write(line + "\n");
  const outcome = await followBuild(session, name, { ...o, progress: (line) => note(`  ${line}`) });
  if (outcome.kind === "running") {
    cmd.context.stdout.write(`${name} is running (micro status, micro logs ${name})\n`);
    return 0;
  }
  if (outcome.kind === "noted") {
    cmd.context.stdout.write(`${name}: ${outcome.note}\n`);
    return 0;
  }
  if (outcome.kind === "error") throw new CliError(`${name} failed: ${outcome.row.error || "see micro logs " + name}`);
  throw new CliError(`${name} is still ${outcome.row?.status ?? "pending"} after the wait: see micro status and micro logs ${name}`);
}

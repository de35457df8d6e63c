// Runs a build step as a child process, streaming its output to the service log; aborting kills it.
import { spawn } from "node:child_process";
import type { LogFile } from "./log-file.js";

export interface StepOptions { cwd: string; env: NodeJS.ProcessEnv; log: LogFile; signal?: AbortSignal }

export function runStep(command: string, args: string[], o: StepOptions): Promise<void> {
  return new Promise((resolve, reject) => {
    o.log.append("build", `$ ${[command, ...args].join(" ")}`);
    const child = spawn(command, args, { cwd: o.cwd, env: o.env, stdio: ["ignore", "pipe", "pipe"], detached: true });
    const kill = () => { try { process.kill(-child.pid!, "SIGKILL"); } catch { /* gone */ } };
    o.signal?.addEventListener("abort", kill, { once: true });
    child.stdout.on("data", (d: Buffer) => o.log.append("build", d.toString()));
    child.stderr.on("data", (d: Buffer) => o.log.append("build", d.toString()));
    child.on("error", (err) => reject(new Error(`${command}: ${err.message}`)));
    child.on("close", (code, sig) => {
      o.signal?.removeEventListener("abort", kill);
      if (o.signal?.aborted) return reject(new Error("build cancelled"));
      if (code === 0) return resolve();
      reject(new Error(`${[command, ...args].join(" ")} failed (${sig ?? `exit ${code}`})`));
    });
  });
}

import { homedir } from "node:os";
import { join } from "node:path";

/** ~/.micro, or MICRO_DATA_DIR: where the server keeps its state and the CLI its config. */
export function dataDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.MICRO_DATA_DIR || join(homedir(), ".micro");
}

// The one line printed for a failure, on stderr (red on a terminal), and the exit code that goes with it.
import type { MicroContext } from "./context.js";
import { describeFailure } from "./errors.js";
import { createStyle } from "./output/style.js";

export function reportFailure(err: unknown, context: MicroContext): number {
  const { message, exitCode } = describeFailure(err);
  if (context.env.MICRO_DEBUG && err instanceof Error && err.stack) context.stderr.write(err.stack + "\n");
  context.stderr.write(createStyle(context.errorColors).red(message) + "\n");
  return exitCode;
}

// What every command runs with: clipanion's stdio + environment, plus what `micro` itself decides once per
// process (the environment chosen by a leading --env, whether to colour). Type-only import: the dynamic-command
// path never loads clipanion.
import type { BaseContext } from "clipanion";

export interface MicroContext extends BaseContext {
  /** Environment named by a global `--env NAME` given before the command (wins over MICRO_ENV). */
  envOverride?: string;
  /** ANSI colours on stdout (a TTY, NO_COLOR unset, TERM not dumb). */
  colors: boolean;
  /** ANSI colours on stderr, decided the same way for that stream. */
  errorColors: boolean;
}

type Stream = NodeJS.WritableStream & { isTTY?: boolean };

/** Colours only on a terminal, and never when NO_COLOR is set (https://no-color.org) or TERM=dumb. */
export function wantsColors(stream: Stream, env: Record<string, string | undefined>): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "0" && env.FORCE_COLOR !== "") return true;
  return stream.isTTY === true && env.TERM !== "dumb";
}

export function createContext(overrides: Partial<MicroContext> = {}): MicroContext {
  const env = overrides.env ?? process.env;
  const stdout = overrides.stdout ?? process.stdout;
  const stderr = overrides.stderr ?? process.stderr;
  const colors = overrides.colors ?? wantsColors(stdout, env);
  return {
    env,
    stdin: overrides.stdin ?? process.stdin,
    stdout,
    stderr,
    colors,
    errorColors: overrides.errorColors ?? wantsColors(stderr, env),
    // clipanion colours its help and errors when colorDepth > 1: tie it to the same decision
    colorDepth: colors ? 8 : 1,
    envOverride: overrides.envOverride,
  };
}

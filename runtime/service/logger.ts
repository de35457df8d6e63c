// A small leveled logger writing one line per entry to stdout, where `micro logs` picks it up.
export type Level = "debug" | "info" | "warn" | "error";
const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
  debug(...args: unknown[]): void;
  info(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
  fatal(...args: unknown[]): never;
}

export function createLogger(fields: Record<string, string> = {}, min: Level = (process.env.MICRO_LOG_LEVEL as Level) || "info"): Logger {
  const prefix = Object.entries(fields).map(([k, v]) => `${k}=${v}`).join(" ");
  const write = (level: Level, args: unknown[]) => {
    if (ORDER[level] < (ORDER[min] ?? 20)) return;
    const text = args.map((a) => (a instanceof Error ? a.message : typeof a === "string" ? a : JSON.stringify(a))).join(" ");
    const line = `${new Date().toISOString()} ${level}${prefix ? " " + prefix : ""} ${text}\n`;
    (level === "error" || level === "warn" ? process.stderr : process.stdout).write(line);
  };
  return {
    debug: (...a) => write("debug", a),
    info: (...a) => write("info", a),
    warn: (...a) => write("warn", a),
    error: (...a) => write("error", a),
    fatal: (...a) => { write("error", a); process.exit(1); },
  };
}

export const logger: Logger = createLogger();

// Records everything this test process writes to the console or stdout/stderr (still passing it through), so a
// test can check that no secret was ever logged.
import { format } from "node:util";

const lines: string[] = [];

export function startCapture(): void {
  for (const level of ["log", "info", "warn", "error", "debug"] as const) {
    const original = console[level].bind(console);
    console[level] = (...args: unknown[]) => {
      lines.push(format(...args));
      original(...args);
    };
  }
  for (const stream of [process.stdout, process.stderr]) {
    const original = stream.write.bind(stream) as (...args: unknown[]) => boolean;
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      lines.push(typeof chunk === "string" ? chunk : Buffer.from(chunk as Uint8Array).toString("utf8"));
      return original(chunk, ...rest);
    }) as typeof stream.write;
  }
}

export function captured(): string {
  return lines.join("\n");
}

// Durations as Go writes them ("1h30m", "10s", "250ms"), the form Micro's flags (--request_timeout,
// --expiry) take; a bare number means seconds.
import { CliError } from "./errors.js";

const UNIT_MS: Record<string, number> = { ns: 1e-6, us: 1e-3, "µs": 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

export function parseDuration(text: string, flag: string): number {
  const t = text.trim();
  if (/^\d+(\.\d+)?$/.test(t)) return Number(t) * 1000;
  const parts = [...t.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)];
  if (!parts.length || parts.map((p) => p[0]).join("") !== t) {
    throw new CliError(`${flag}: "${text}" is not a duration (e.g. 10s, 1m30s, 500ms)`);
  }
  return parts.reduce((ms, p) => ms + Number(p[1]) * UNIT_MS[p[2]], 0);
}

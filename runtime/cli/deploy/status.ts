// How the runtime reports a service (runtime.Service: status number plus metadata), in the CLI's words.
import { STATUS_CODES } from "../../launcher/types.js";

/** Micro 3.0's status numbers by name. The number decides, as in Micro 3.0's CLI: its server's metadata.status
 * may say "unknown" beside Running (ours keeps the two in step). */
const STATUS_NAMES = new Map(Object.entries(STATUS_CODES).map(([name, code]) => [code, name]));
export interface ServiceStatusRow {
  name: string;
  version: string;
  source: string;
  status: string;
  /** Time since the last start, e.g. "3m12s"; "" when not running. */
  uptime: string;
  restarts: number;
  error: string;
}

interface ServiceLike { name: string; version: string; source: string; metadata: Record<string, string>; status?: number }

export function statusRow(s: ServiceLike, now = Date.now()): ServiceStatusRow {
  const status = STATUS_NAMES.get(s.status ?? 0) ?? s.metadata.status ?? "unknown";
  const started = s.metadata.started ? Date.parse(s.metadata.started) : NaN;
  return {
    name: s.name,
    version: s.version,
    source: displaySource(s.source),
    status,
    uptime: status === "running" && Number.isFinite(started) ? formatUptime(now - started) : "",
    restarts: Number(s.metadata.restarts ?? 0),
    error: s.metadata.error ?? "",
  };
}

/** Uploads are only meaningful to the server: show them as "local". */
function displaySource(source: string): string {
  return source.startsWith("upload:") ? "local" : source;
}

export function formatUptime(ms: number): string {
  let s = Math.max(0, Math.floor(ms / 1000));
  const d = Math.floor(s / 86400); s -= d * 86400;
  const h = Math.floor(s / 3600); s -= h * 3600;
  const m = Math.floor(s / 60); s -= m * 60;
  if (d) return `${d}d${h}h`;
  if (h) return `${h}h${m}m`;
  if (m) return `${m}m${s}s`;
  return `${s}s`;
}

// The Debug handler of a service, whichever server it registered with: ours serve debug.Debug (the proxy routes by
// the call's service header), a Micro 3.0 service registers no descriptor and serves Debug under its own name
// (`/<service>.Debug/Health`; Micro 3.0's proxy routes on that path), so it is called there in gRPC+JSON.
import type { JsonValue } from "@bufbuild/protobuf";
import type { Session } from "../../session/session.js";

export interface DebugStats { started: number; uptime: number; memory: number; threads: number; gc: number; requests: number; errors: number }

export async function debugHealth(session: Session, service: string): Promise<string> {
  const json = await jsonDebug(session, service, "Debug.Health");
  if (json) return String(json.status ?? "");
  const { Debug } = await import("../../../gen/debug/debug_pb.js");
  return (await (await session.client(Debug, service)).health({})).status;
}

export async function debugStats(session: Session, service: string): Promise<DebugStats> {
  const s = await jsonDebug(session, service, "Debug.Stats") ?? await (async () => {
    const { Debug } = await import("../../../gen/debug/debug_pb.js");
    return (await session.client(Debug, service)).stats({}) as unknown as Record<string, unknown>;
  })();
  // 64-bit numbers: bigint from protobuf, strings from JSON
  const n = (v: unknown) => Number(v ?? 0);
  return { started: n(s.started), uptime: n(s.uptime), memory: n(s.memory), threads: n(s.threads), gc: n(s.gc), requests: n(s.requests), errors: n(s.errors) };
}

/** The reply of a gRPC+JSON call when `service` registered no descriptor, else undefined. */
async function jsonDebug(session: Session, service: string, endpoint: string): Promise<Record<string, JsonValue> | undefined> {
  const { findService } = await import("../../remote/lookup.js");
  const found = await findService(session, service);
  if (!found || found.schema) return undefined;
  const { invokeJson } = await import("../../remote/invoke-json.js");
  for await (const reply of invokeJson(session, found.name, endpoint, {}, false)) return reply as Record<string, JsonValue>;
  return {};
}

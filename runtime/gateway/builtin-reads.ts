// GET is for reading: a link, an <img> or a prefetch must never write a store key, set config, register a
// service or mint a token. The builtins' endpoints are the platform's, so the gateway decides for them: a plain
// GET (or HEAD) reaches only the read endpoints listed here, and everything else answers 405 with `Allow: POST`,
// whatever the credential. User services keep GET for every endpoint (their own choice: a service that must not
// be called by GET says so with a google.api.http binding). WebSocket upgrades are GETs by protocol and are not
// concerned: their requests travel in frames, after the upgrade's own admission.
import type * as http from "node:http";
import { isBuiltinService } from "../rpc/access.js";
import { MicroError } from "../rpc/errors.js";
import type { Route } from "./router.js";

/** `service endpoint` of the builtins' read-only endpoints. Auth's Inspect is left out: its input is a token,
 * which must not travel in a URL (logs, history, Referer). Stream.Consume and Broker.Subscribe read messages (a
 * consumer group's acknowledgements are the reader's own). */
export const BUILTIN_READS: ReadonlySet<string> = new Set([
  "store Store.Read", "store Store.List", "store Store.Databases", "store Store.Tables", "store BlobStore.Read", "store BlobStore.List",
  "config Config.Get", "config Config.Read",
  "registry Registry.GetService", "registry Registry.ListServices", "registry Registry.Watch",
  "events Store.Read", "events Stream.Consume", "broker Broker.Subscribe",
  "runtime Runtime.Read", "runtime Runtime.Logs", "runtime Build.Read",
  "auth Accounts.List", "auth Rules.List",
  "network Network.Graph", "network Network.Nodes", "network Network.Routes", "network Network.Services",
  "router Router.Lookup", "router Router.Watch", "router Table.Read",
  "debug Debug.Log", "debug Debug.Health", "debug Debug.Stats", "debug Debug.Trace",
]);

/** Every builtin also serves the Debug handler (health, stats, logs, traces): reads wherever they are served. */
const DEBUG_READS: ReadonlySet<string> = new Set(["Debug.Log", "Debug.Health", "Debug.Stats", "Debug.Trace"]);

/** Whether a builtin's endpoint only reads (and so is served on GET). */
export function isBuiltinRead(service: string, endpoint: string): boolean {
  return BUILTIN_READS.has(`${service} ${endpoint}`) || DEBUG_READS.has(endpoint);
}

export function isSafeMethod(method: string): boolean {
  return method === "GET" || method === "HEAD";
}

/** Throws a 405 (and sets `Allow: POST`) for a GET or HEAD of a builtin endpoint that changes state. */
export function refuseUnsafeGet(method: string, route: Pick<Route, "service" | "endpoint">, res?: http.ServerResponse): void {
  if (!isSafeMethod(method) || !isBuiltinService(route.service) || isBuiltinRead(route.service, route.endpoint)) return;
  res?.setHeader("allow", "POST");
  throw new MicroError("micro.api", 405,
    `${route.service} ${route.endpoint} changes state and is not served on ${method}: call it with POST`, "Method Not Allowed");
}

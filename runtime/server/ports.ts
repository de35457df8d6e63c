export interface ServerPorts { proxy: number; api: number; web: number; host: string }

/** 8081/8080/8082 unless MICRO_PROXY_PORT / MICRO_API_PORT / MICRO_WEB_PORT say otherwise (tests use free ports). */
export function serverPorts(env: NodeJS.ProcessEnv = process.env): ServerPorts {
  return { proxy: port(env, "MICRO_PROXY_PORT") ?? 8081, api: port(env, "MICRO_API_PORT") ?? 8080, web: port(env, "MICRO_WEB_PORT") ?? 8082, host: env.MICRO_BIND_HOST || "127.0.0.1" };
}

/** The web interface's port and whether someone asked for it (then failing to bind it is fatal; the default
 * 8082 is optional). Unasked, it is a free one when the API's is (tests). */
export function webPort(ports: Partial<ServerPorts>, env: NodeJS.ProcessEnv = process.env): { port: number; explicit: boolean } {
  if (ports.web !== undefined) return { port: ports.web, explicit: true };
  const asked = port(env, "MICRO_WEB_PORT");
  if (asked !== undefined) return { port: asked, explicit: true };
  return { port: ports.api === 0 ? 0 : 8082, explicit: false };
}

function port(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const v = env[name];
  if (v === undefined || v === "") return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new RangeError(`${name}=${v} is not a port number`);
  return n;
}

/** Whether `host` only accepts connections from this machine (127.0.0.0/8, ::1, localhost). Anything else,
 * 0.0.0.0 and :: included, is reachable from elsewhere. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, "").toLowerCase();
  return h === "localhost" || h === "::1" || /^(::ffff:)?127(\.\d{1,3}){3}$/.test(h);
}

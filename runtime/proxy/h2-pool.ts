// One HTTP/2 client session per upstream address, reused across calls and dropped when it fails: the sessions of
// the proxy, the gRPC-Web bridge, the gateway and the CLI.
import * as http2 from "node:http2";

export interface SessionPoolOptions {
  /** https:// instead of cleartext HTTP/2. */
  tls?: boolean;
  /** Keep the process alive while a session is open (a CLI mid-stream); servers leave that to their listeners. */
  ref?: boolean;
  /** How long connecting may take before the address counts as refusing (default 3 s). */
  connectTimeoutMs?: number;
}

export class SessionPool {
  private readonly sessions = new Map<string, Promise<http2.ClientHttp2Session>>();
  /** Every session not yet closed, connected or still connecting (close() ends both). */
  private readonly live = new Set<http2.ClientHttp2Session>();

  constructor(private readonly options: SessionPoolOptions = {}) {}

  /** A connected session; rejects when the address refuses, so the caller can try another instance. */
  connect(address: string): Promise<http2.ClientHttp2Session> {
    const cached = this.sessions.get(address);
    if (cached) return cached;
    const { tls = false, ref = false, connectTimeoutMs = 3000 } = this.options;
    const pending = new Promise<http2.ClientHttp2Session>((resolve, reject) => {
      const session = http2.connect(`${tls ? "https" : "http"}://${address}`);
      this.live.add(session);
      const timer = setTimeout(() => { reject(new Error(`connect to ${address} timed out`)); session.destroy(); }, connectTimeoutMs);
      const drop = () => { if (this.sessions.get(address) === pending) this.sessions.delete(address); };
      session.once("connect", () => {
        clearTimeout(timer);
        if (!ref) session.unref();
        resolve(session);
      });
      session.on("error", (err) => { clearTimeout(timer); drop(); reject(err); });
      session.on("close", () => {
        clearTimeout(timer);
        this.live.delete(session);
        drop();
        reject(new Error(`connection to ${address} closed`)); // no-op once connected
      });
      session.on("goaway", drop);
    });
    pending.catch(() => undefined);
    this.sessions.set(address, pending);
    return pending;
  }

  /** A session to the first address that accepts one (a refused instance is skipped); undefined when none does. */
  async connectFirst(addresses: readonly string[]): Promise<http2.ClientHttp2Session | undefined> {
    for (const address of addresses) {
      try {
        return await this.connect(address);
      } catch {
        continue;
      }
    }
    return undefined;
  }

  /** Closes every session: connected ones once their calls finish, ones still connecting at once. */
  close(): void {
    for (const s of this.live) {
      if (s.connecting) s.destroy();
      else s.close();
    }
    this.live.clear();
    this.sessions.clear();
  }
}

// One HTTP/2 client session per upstream address, reused across calls and dropped when it fails.
import * as http2 from "node:http2";

export class SessionPool {
  private readonly sessions = new Map<string, Promise<http2.ClientHttp2Session>>();

  /** A connected session; rejects when the address refuses, so the caller can try another instance. */
  connect(address: string, timeoutMs = 3000): Promise<http2.ClientHttp2Session> {
    const cached = this.sessions.get(address);
    if (cached) return cached;
    const pending = new Promise<http2.ClientHttp2Session>((resolve, reject) => {
      const session = http2.connect(`http://${address}`);
      const timer = setTimeout(() => { session.destroy(); reject(new Error(`connect to ${address} timed out`)); }, timeoutMs);
      const drop = () => { if (this.sessions.get(address) === pending) this.sessions.delete(address); };
      session.once("connect", () => { clearTimeout(timer); session.unref(); resolve(session); });
      session.on("error", (err) => { clearTimeout(timer); drop(); reject(err); });
      session.on("close", drop);
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

  close(): void {
    for (const s of this.sessions.values()) s.then((x) => x.close(), () => undefined);
    this.sessions.clear();
  }
}

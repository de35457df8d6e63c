// A raw HTTP/1.1 exchange over a fresh TCP socket: writes exactly the given bytes (malformed ones included) and
// reads one response, skipping 1xx interim answers. Tells apart an answer, a clean close without one, and a
// socket that breaks or hangs — what a fuzz test needs and what an HTTP client library would paper over.
import * as net from "node:net";

export interface RawAnswer {
  kind: "answer";
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

export type RawOutcome = RawAnswer | { kind: "closed" } | { kind: "broken"; detail: string };

export interface RawOptions {
  /** Half-close after writing (so the server sees the end of an unfinished request). */
  end?: boolean;
  /** The request was HEAD: the answer has no body whatever its content-length says. */
  head?: boolean;
  timeoutMs?: number;
}

export function exchange(port: number, bytes: Buffer, options: RawOptions = {}): Promise<RawOutcome> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    let buffer = Buffer.alloc(0);
    let settled = false;
    const finish = (outcome: RawOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(outcome);
    };
    const timer = setTimeout(() => finish({ kind: "broken", detail: `no answer within ${options.timeoutMs ?? 15_000} ms` }), options.timeoutMs ?? 15_000);
    socket.on("connect", () => {
      socket.write(bytes);
      if (options.end) socket.end();
    });
    socket.on("data", (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      const answer = parse(buffer, options.head ?? false);
      if (answer) finish(answer);
    });
    // A reset after the server answered and closed (e.g. while the rest of a refused body was being written)
    // is fine; before any answer it is a failure.
    socket.on("error", (err) => finish(buffer.length ? { kind: "broken", detail: `${err.message} after ${buffer.length} bytes` } : { kind: "broken", detail: err.message }));
    socket.on("close", () => finish(buffer.length ? { kind: "broken", detail: `closed after a partial answer: ${JSON.stringify(buffer.toString("latin1").slice(0, 200))}` } : { kind: "closed" }));
  });
}

/** The first final response in `buffer`, or undefined while it is incomplete. 1xx answers are skipped. */
function parse(buffer: Buffer, head: boolean): RawAnswer | undefined {
  let start = 0;
  for (;;) {
    const end = buffer.indexOf("\r\n\r\n", start);
    if (end < 0) return undefined;
    const lines = buffer.subarray(start, end).toString("latin1").split("\r\n");
    const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(lines[0]!)?.[1] ?? NaN);
    const headers: Record<string, string> = {};
    for (const line of lines.slice(1)) {
      const colon = line.indexOf(":");
      if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    if (status >= 100 && status < 200) {
      start = end + 4;
      continue;
    }
    const bodyStart = end + 4;
    if (head || status === 204 || status === 304) return { kind: "answer", status, headers, body: Buffer.alloc(0) };
    const length = Number(headers["content-length"]);
    // Every answer of the gateway to a refused request has a content-length; a response without one is
    // complete only when the server closes (handled by the caller as a partial answer).
    if (!Number.isInteger(length)) return undefined;
    if (buffer.length - bodyStart < length) return undefined;
    return { kind: "answer", status, headers, body: buffer.subarray(bodyStart, bodyStart + length) };
  }
}

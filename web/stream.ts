// Streaming calls from the page: a WebSocket to /api<path> on this origin (the gateway's stream protocol,
// runtime/gateway/websocket.ts): each text frame we send is one JSON request, an empty frame ends our side, each
// frame back is one response message, and a failure is Micro's error JSON followed by a close with 4000 + code.
// A browser's WebSocket cannot carry a Micro-Namespace header, so the namespace rides as the subprotocol
// `micro-namespace.<ns>`, which the web server turns back into the header (runtime/web/server.ts). The token is
// the HttpOnly cookie, sent by the browser with the handshake (same-origin only, as for every /api call).
import type { MicroErrorBody } from "./api.js";

export const NAMESPACE_PROTOCOL = "micro-namespace.";

export interface StreamEvents {
  onMessage: (message: unknown) => void;
  /** The stream ended: `error` when it failed (Micro's envelope, or a made-up one when the socket just dropped).
   * `retract`: the last message handed to onMessage was that error, not an answer. */
  onEnd: (error?: MicroErrorBody, retract?: boolean) => void;
}

export interface Stream {
  send(message: unknown): void;
  /** Ends the request side (half-close); answers may still come. */
  end(): void;
  /** Gives up on the call. */
  close(): void;
}

export function openStream(path: string, namespace: string, events: StreamEvents): Stream {
  const url = `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/api${path}`;
  const ws = new WebSocket(url, [NAMESPACE_PROTOCOL + namespace]);
  const queued: string[] = [];
  let last: unknown;
  let ended = false;
  const flush = (frame: string) => (ws.readyState === WebSocket.OPEN ? ws.send(frame) : queued.push(frame));
  ws.onopen = () => { for (const f of queued.splice(0)) ws.send(f); };
  ws.onmessage = (e) => {
    last = parse(String(e.data));
    events.onMessage(last);
  };
  ws.onclose = (e) => {
    if (ended) return;
    ended = true;
    // the frame before a 4xxx close is Micro's error envelope, not an answer
    if (e.code >= 4000 && e.code < 5000) {
      if (isEnvelope(last)) return events.onEnd(last, true);
      return events.onEnd({ id: "micro.web", code: e.code - 4000, detail: e.reason || "the stream failed", status: e.reason });
    }
    if (e.code === 1000 || e.code === 1005) return events.onEnd();
    events.onEnd({ id: "micro.web", code: 0, detail: `the stream was cut (WebSocket close ${e.code}${e.reason ? `: ${e.reason}` : ""})`, status: "" });
  };
  return {
    send: (message) => flush(JSON.stringify(message ?? {})),
    end: () => flush(""),
    close: () => { ended = true; ws.close(1000); },
  };
}

/** A server stream read to its end (Store.List and the like): its messages, or the error it ended with. */
export function collect(path: string, namespace: string, request: unknown): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const got: unknown[] = [];
    const s = openStream(path, namespace, {
      onMessage: (m) => got.push(m),
      onEnd: (err) => (err ? reject(new Error(`${err.detail} (${err.code} ${err.status})`.trim())) : resolve(got)),
    });
    s.send(request);
  });
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function isEnvelope(v: unknown): v is MicroErrorBody {
  return !!v && typeof v === "object" && "detail" in v && "code" in v;
}

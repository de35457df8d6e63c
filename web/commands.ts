// The filled form as the commands that make the same call: `micro call` (`micro stream` for a streaming endpoint,
// which sends the form as its one message) in the namespace the CLI is logged in to, and curl against this
// origin's /api with a token from `micro user token` — a server stream as Server-Sent Events; curl cannot send a
// stream of requests, so client and bidi streams have no curl line.

/** A single-quoted shell word ('…', with ' written as '\''). */
export function shellQuote(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

export type Streaming = "unary" | "server_streaming" | "client_streaming" | "bidi_streaming" | string;

export function microCommand(service: string, endpoint: string, request: unknown, streaming: Streaming = "unary"): string {
  const verb = streaming === "unary" ? "call" : "stream";
  return `micro ${verb} ${shellQuote(service)} ${shellQuote(endpoint)} ${shellQuote(JSON.stringify(request ?? {}))}`;
}

/** undefined for client and bidi streams. */
export function curlCommand(origin: string, path: string, namespace: string, request: unknown, streaming: Streaming = "unary"): string | undefined {
  if (streaming === "client_streaming" || streaming === "bidi_streaming") return undefined;
  return [
    `curl -s${streaming === "server_streaming" ? "N" : ""} ${shellQuote(`${origin}/api${path}`)}`,
    `-H "Authorization: Bearer $(micro user token)"`,
    `-H ${shellQuote(`Micro-Namespace: ${namespace}`)}`,
    ...(streaming === "server_streaming" ? [`-H 'Accept: text/event-stream'`] : []),
    `-H 'Content-Type: application/json'`,
    `-d ${shellQuote(JSON.stringify(request ?? {}))}`,
  ].join(" \\\n  ");
}

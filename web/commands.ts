// The filled form as the commands that make the same call: `micro call` (the CLI, in the namespace it is logged
// in to) and curl against this origin's /api with a token from `micro user token`.

/** A single-quoted shell word ('…', with ' written as '\''). */
export function shellQuote(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

export function microCommand(service: string, endpoint: string, request: unknown): string {
  return `micro call ${shellQuote(service)} ${shellQuote(endpoint)} ${shellQuote(JSON.stringify(request ?? {}))}`;
}

export function curlCommand(origin: string, path: string, namespace: string, request: unknown): string {
  return [
    `curl -s ${shellQuote(`${origin}/api${path}`)}`,
    `-H "Authorization: Bearer $(micro user token)"`,
    `-H ${shellQuote(`Micro-Namespace: ${namespace}`)}`,
    `-H 'Content-Type: application/json'`,
    `-d ${shellQuote(JSON.stringify(request ?? {}))}`,
  ].join(" \\\n  ");
}

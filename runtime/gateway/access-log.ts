// One line per request: method, path (never the query string, which may carry secrets), status, duration,
// namespace, request id. Lines are batched and written at most every 100 ms, so logging costs a string
// concatenation per request rather than a write.
export class AccessLog {
  private lines: string[] = [];
  private timer?: NodeJS.Timeout;

  constructor(private readonly write: (text: string) => void) {}

  record(method: string, path: string, status: number, ms: number, namespace: string, requestId: string): void {
    this.lines.push(`api ${method} ${path} ${status} ${ms.toFixed(1)}ms ns=${namespace || "-"} id=${requestId}`);
    if (this.lines.length >= 1000) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), 100).unref();
  }

  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.lines.length) return;
    const text = this.lines.join("\n");
    this.lines = [];
    this.write(text);
  }
}

/** A path fit for a log line: without the query, bounded, control characters and spaces escaped. */
export function loggedPath(url: string | undefined): string {
  const whole = url ?? "";
  const q = whole.indexOf("?");
  const path = q < 0 ? whole : whole.slice(0, q);
  const cut = path.length > 200 ? path.slice(0, 200) + "…" : path;
  // most paths have nothing to escape: test first, replace (a callback per match) only when needed
  if (!UNPRINTABLE.test(cut)) return cut || "-";
  return cut.replace(UNPRINTABLE_ALL, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, "0")}`) || "-";
}

const UNPRINTABLE = /[^\x21-\x7e]/;
const UNPRINTABLE_ALL = /[^\x21-\x7e]/g;

// The web interface's files: what scripts/build-web.mjs bundled into dist/web/ (index.html, assets/<name>-<hash>.*).
// Hashed assets never change under their name, so they are cached for a year; index.html is revalidated every
// time, so a new build is picked up at the next load. Every page carries a strict Content-Security-Policy: scripts,
// styles and connections from this origin only, no inline script or style, no framing.
import { readFile } from "node:fs/promises";
import type * as http from "node:http";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";

/** dist/web beside the compiled runtime (dist/runtime/web/assets.js → dist/web). */
export const WEB_DIST = fileURLToPath(new URL("../../web/", import.meta.url));

export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'", "script-src 'self'", "style-src 'self'", "connect-src 'self'", "img-src 'self' data:",
  "font-src 'self'", "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'",
].join("; ");

/** Headers of every answer of the web server: no sniffing, no referrer beyond the origin, no framing. */
export const SECURITY_HEADERS: http.OutgoingHttpHeaders = {
  "content-security-policy": CONTENT_SECURITY_POLICY,
  "x-content-type-options": "nosniff",
  "referrer-policy": "same-origin",
  "cross-origin-opener-policy": "same-origin",
  "x-frame-options": "DENY",
};

const TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8", ".html": "text/html; charset=utf-8",
  ".svg": "image/svg+xml", ".png": "image/png", ".map": "application/json", ".woff2": "font/woff2",
};

export class Assets {
  private index?: Promise<Buffer | undefined>;

  constructor(private readonly dir = WEB_DIST) {}

  /** The app's page, for every path the browser navigates to. */
  async page(res: http.ServerResponse, head: boolean): Promise<void> {
    const html = await (this.index ??= readFile(join(this.dir, "index.html")).catch(() => undefined));
    if (!html) {
      this.index = undefined; // built later: read again next time
      return plain(res, 503, "The web interface is not built: run `npm run build` (scripts/build-web.mjs writes dist/web).\n");
    }
    res.writeHead(200, { ...SECURITY_HEADERS, "content-type": TYPES[".html"], "cache-control": "no-cache", "content-length": html.length });
    res.end(head ? undefined : html);
  }

  /** A file under assets/ (its .gz twin, which the build writes, when the browser takes gzip); false when there is none. */
  async asset(path: string, req: http.IncomingMessage, res: http.ServerResponse, head: boolean): Promise<boolean> {
    let rel: string;
    try {
      rel = normalize(decodeURIComponent(path)).replace(/^\/+/, "");
    } catch {
      return false;
    }
    if (!rel.startsWith("assets/") || rel.includes("..") || rel.endsWith(".gz")) return false;
    const gzip = /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
    const zipped = gzip ? await readFile(join(this.dir, rel + ".gz")).catch(() => undefined) : undefined;
    const body = zipped ?? await readFile(join(this.dir, rel)).catch(() => undefined);
    if (!body) return false;
    res.writeHead(200, {
      ...SECURITY_HEADERS, "content-type": TYPES[extname(rel)] ?? "application/octet-stream",
      "cache-control": "public, max-age=31536000, immutable", "content-length": body.length, vary: "accept-encoding",
      ...(zipped && { "content-encoding": "gzip" }),
    });
    res.end(head ? undefined : body);
    return true;
  }
}

export function plain(res: http.ServerResponse, status: number, text: string): void {
  res.writeHead(status, { ...SECURITY_HEADERS, "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

// Malformed HTTP requests for the gateway fuzz test, drawn from a seeded generator so that a failure can be
// replayed: bad JSON, wrong field types, bodies beyond the limit, odd and hostile paths, invalid UTF-8 in path,
// query and body, bad headers, bad methods, and raw garbage. Each case says what a correct answer looks like.

export interface FuzzCase {
  kind: string;
  bytes: Buffer;
  /** "error": an error envelope; "error-or-close": that, or the connection closed without a word. */
  expect: "error" | "error-or-close";
  /** Exact status, when only one is right. */
  status?: number;
  /** Statuses beyond 4xx that are right (e.g. 503 when a garbage protobuf body reaches the service). */
  allow5xx?: boolean;
  head?: boolean;
  end?: boolean;
}

/** mulberry32: small, fast, and the same sequence on every platform. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Header = [string, string | Buffer];

export class CaseMaker {
  constructor(private readonly rnd: () => number, private readonly port: number, private readonly bodyLimit: number) {}

  private int(lo: number, hi: number): number {
    return lo + Math.floor(this.rnd() * (hi - lo + 1));
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.rnd() * items.length)]!;
  }

  private bytes(n: number, lo = 0, hi = 255): Buffer {
    const b = Buffer.alloc(n);
    for (let i = 0; i < n; i++) b[i] = this.int(lo, hi);
    return b;
  }

  /** A request as bytes: request line, Host, the given headers, content-length for a body unless given. */
  request(method: string, target: string | Buffer, headers: Header[] = [], body?: Buffer, version = "HTTP/1.1"): Buffer {
    const all: Header[] = [["Host", `127.0.0.1:${this.port}`], ...headers];
    if (body && !all.some(([k]) => /^(content-length|transfer-encoding)$/i.test(k))) all.push(["Content-Length", String(body.length)]);
    const head = Buffer.concat([
      Buffer.from(`${method} `, "latin1"), Buffer.isBuffer(target) ? target : Buffer.from(target, "latin1"), Buffer.from(` ${version}\r\n`),
      ...all.map(([k, v]) => Buffer.concat([Buffer.from(`${k}: `, "latin1"), Buffer.isBuffer(v) ? v : Buffer.from(v, "latin1"), Buffer.from("\r\n")])),
      Buffer.from("\r\n"),
    ]);
    return body ? Buffer.concat([head, body]) : head;
  }

  private bodyMethod(): string {
    return this.pick(["POST", "PUT", "PATCH", "DELETE", "GET"]);
  }

  next(): FuzzCase {
    const r = this.rnd();
    if (r < 0.16) return this.badJson();
    if (r < 0.30) return this.wrongTypes();
    if (r < 0.34) return this.hugeBody();
    if (r < 0.50) return this.oddPath();
    if (r < 0.60) return this.invalidUtf8();
    if (r < 0.76) return this.badHeaders();
    if (r < 0.86) return this.badMethod();
    return this.garbage();
  }

  badJson(): FuzzCase {
    const valid = '{"name":"Alice"}';
    const body = this.pick<() => string>([
      () => valid.slice(0, this.int(1, valid.length - 1)),
      () => `{,${this.bytes(this.int(1, 40), 0x21, 0x7e).toString("latin1")}`,
      () => `${valid} ${this.pick(["x", "{}", "]", ","])}`,
      () => "[".repeat(this.int(1, 20_000)),
      () => `${"{\"a\":".repeat(this.int(1, 5000))}1${"}".repeat(this.int(0, 10))}`,
      () => this.pick(["[1,2]", '"Alice"', "42", "true", "null", "[]", "-0", '[{"name":"x"}]']),
      () => this.pick(["{'name':'x'}", '{"name":"x",}', "{name:\"x\"}", '{"name":NaN}', '{"name":"x"/*c*/}', '{"name":"\\x41"}', '{"name":"\\u12"}']),
    ])();
    const type = this.pick(["application/json", "application/json; charset=utf-8", "text/plain", undefined]);
    return { kind: "bad-json", bytes: this.request(this.bodyMethod(), "/helloworld/call", type ? [["Content-Type", type]] : [], Buffer.from(body, "latin1")), expect: "error", status: type === "text/plain" ? 415 : 400 };
  }

  wrongTypes(): FuzzCase {
    if (this.rnd() < 0.4) {
      const query = this.pick([
        "name.x=1", "nme=Alice", "name=Alice&extra=1", "a..b=1", ".name=x", "name.=x", "__proto__.x=1",
        "name=x&name.y=1", "constructor=1", `${"a.".repeat(this.int(1, 300))}b=1`,
      ]);
      return { kind: "wrong-type-query", bytes: this.request(this.pick(["GET", "DELETE", "POST"]), `/helloworld/call?${query}`), expect: "error", status: 400 };
    }
    const value = this.pick([
      "123", "true", "false", "{}", "[]", '["a"]', "1.5", '{"x":1}', '[["a"]]', "1e400",
    ]);
    const body = this.pick([
      `{"name":${value}}`, `{"nme":"Alice"}`, `{"name":"Alice","extra":${value}}`, `{"__proto__":{"name":"x"}}`,
      `{"Name":"x","unknown_field":${value}}`, `{"name":"x","name":${value}}`,
    ]);
    const form = this.rnd() < 0.25;
    const bytes = form
      ? this.request(this.bodyMethod(), "/helloworld/call", [["Content-Type", "application/x-www-form-urlencoded"]], Buffer.from(this.pick(["name.x=1", "nme=1", "a..b=1", "=x", "name=%", "name=%zz", "na%ZZme=x"])))
      : this.request(this.bodyMethod(), "/helloworld/call", [["Content-Type", "application/json"]], Buffer.from(body));
    return { kind: form ? "wrong-type-form" : "wrong-type-json", bytes, expect: "error", status: 400 };
  }

  hugeBody(): FuzzCase {
    const over = this.bodyLimit + this.int(1, this.bodyLimit * 2);
    const variant = this.int(0, 3);
    if (variant === 0) {
      return { kind: "huge-body", bytes: this.request("POST", "/helloworld/call", [["Content-Type", "application/json"]], this.bytes(over, 0x20, 0x7e)), expect: "error", status: 413 };
    }
    if (variant === 1) {
      // announced beyond the limit and asking to continue: refused before any body is sent
      return {
        kind: "huge-expect", expect: "error", status: 413,
        bytes: this.request("POST", "/helloworld/call", [["Content-Length", String(over * this.int(1, 1000))], ["Expect", "100-continue"]]),
      };
    }
    // chunked, with no length announced at all
    const chunks: Buffer[] = [];
    for (let sent = 0; sent <= this.bodyLimit;) {
      const n = this.int(1000, 30_000);
      chunks.push(Buffer.from(`${n.toString(16)}\r\n`), this.bytes(n, 0x61, 0x7a), Buffer.from("\r\n"));
      sent += n;
    }
    chunks.push(Buffer.from("0\r\n\r\n"));
    return { kind: "huge-chunked", bytes: this.request("PUT", "/helloworld/call", [["Transfer-Encoding", "chunked"]], Buffer.concat(chunks)), expect: "error", status: 413 };
  }

  oddPath(): FuzzCase {
    const path = this.pick<() => string>([
      () => "/../", () => "/helloworld/../../etc/passwd", () => "/helloworld/%2e%2e/call", () => "/%2e%2e/%2e%2e/etc/passwd",
      () => "/..%2f..%2fetc/passwd", () => "/helloworld/..;/call", () => "/%00", () => "/helloworld%00/call", () => "/helloworld/call%00",
      () => "/helloworld/ca%00ll?name=x", () => "/./helloworld/call", () => "/helloworld/./call", () => "/helloworld/call.json",
      () => `/${"a".repeat(this.int(200, 6000))}/call`, () => `/${"a".repeat(this.int(17_000, 40_000))}`, () => `/${"x/".repeat(this.int(100, 3000))}`, () => `/helloworld/${"%41".repeat(this.int(1, 2000))}`,
      () => "/helloworld/call/..", () => "/helloworld/%63all", () => "/~helloworld/call", () => "/helloworld/call;name=x", () => "/helloworld/ca ll",
      () => "http://127.0.0.1/../helloworld/call", () => "*", () => "/helloworld/call#frag", () => "/nosuch/thing", () => "/v1/nosuch/thing/x",
      () => "/helloworld/nosuch", () => "/HelloWorld.Call", () => "/helloworld/call\\..\\x", () => "/%u0041", () => "/%", () => "/%zz/call",
    ])();
    const head = this.rnd() < 0.1;
    return { kind: "odd-path", bytes: this.request(head ? "HEAD" : this.pick(["GET", "POST", "DELETE"]), path), expect: "error", head };
  }

  invalidUtf8(): FuzzCase {
    const bad = () => this.pick([Buffer.from([0xff]), Buffer.from([0xc3, 0x28]), Buffer.from([0xe2, 0x82]), Buffer.from([0xf0, 0x28, 0x8c, 0xbc]), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from([0xc0, 0xaf])]);
    const pct = (b: Buffer) => [...b].map((x) => `%${x.toString(16).toUpperCase().padStart(2, "0")}`).join("");
    const where = this.int(0, 4);
    if (where === 0) {
      return { kind: "utf8-path-raw", bytes: this.request("GET", Buffer.concat([Buffer.from("/helloworld/"), bad(), Buffer.from("call")])), expect: "error" };
    }
    if (where === 1) return { kind: "utf8-path-escaped", bytes: this.request("GET", `/hello${pct(bad())}world/call`), expect: "error" };
    if (where === 2) return { kind: "utf8-query", bytes: this.request("GET", `/helloworld/call?name=A${pct(bad())}`), expect: "error", status: 400 };
    const body = Buffer.concat([Buffer.from('{"name":"A'), bad(), Buffer.from('"}')]);
    if (where === 3) return { kind: "utf8-body", bytes: this.request("POST", "/helloworld/call", [["Content-Type", "application/json"]], body), expect: "error", status: 400 };
    return {
      kind: "utf8-form", expect: "error", status: 400,
      bytes: this.request("POST", "/helloworld/call", [["Content-Type", "application/x-www-form-urlencoded"]], Buffer.from(`name=A${pct(bad())}`)),
    };
  }

  badHeaders(): FuzzCase {
    const path = "/helloworld/call?name=Alice";
    const raw = (lines: string) => Buffer.from(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${this.port}\r\n${lines}\r\n`, "latin1");
    const v = this.int(0, 17);
    switch (v) {
      case 0: return { kind: "header-no-colon", bytes: raw("BadHeader\r\n"), expect: "error", status: 400 };
      case 1: return { kind: "header-space-colon", bytes: raw("X-Thing : v\r\n"), expect: "error", status: 400 };
      case 2: return { kind: "header-bad-name", bytes: raw(`X-${this.pick(["(", ")", "<", "@", "\"", "{", " y"])}z: v\r\n`), expect: "error", status: 400 };
      case 3: return { kind: "header-nul", bytes: raw("X-Thing: a\x00b\r\n"), expect: "error", status: 400 };
      case 4: return { kind: "header-overflow", bytes: raw(`X-Big: ${"a".repeat(this.int(17_000, 80_000))}\r\n`), expect: "error", status: 431 };
      case 5: return { kind: "content-length-bad", bytes: this.request("POST", path, [["Content-Length", this.pick(["abc", "-1", "1, 2", "0x10", "1 1", "+5", "99999999999999999999999"])]], Buffer.from("{}")), expect: "error" };
      case 6: return { kind: "content-length-twice", bytes: this.request("POST", path, [["Content-Length", "2"], ["Content-Length", "3"]], Buffer.from("{}x")), expect: "error", status: 400 };
      case 7: return { kind: "te-and-cl", bytes: this.request("POST", path, [["Content-Length", "2"], ["Transfer-Encoding", "chunked"]], Buffer.from("2\r\n{}\r\n0\r\n\r\n")), expect: "error", status: 400 };
      case 8: return { kind: "te-bad", bytes: this.request("POST", path, [["Transfer-Encoding", this.pick(["gzip", "chunked, gzip", "identity", "xchunked"])]], Buffer.from("{}")), expect: "error-or-close" };
      case 9: return { kind: "chunk-bad", bytes: this.request("POST", path, [["Transfer-Encoding", "chunked"]], Buffer.from(this.pick(["zz\r\n{}\r\n0\r\n\r\n", "2\r\n{}0\r\n\r\n", "-1\r\n", "ffffffffffffffffff\r\n"]))), expect: "error" };
      case 10: return { kind: "namespace-bad", bytes: raw(`Micro-Namespace: ${this.pick(["UPPER", "-x", "x-", "a".repeat(70), "../micro", "mi cro", "micro/../x", "mi_cro", "ns%00"])}\r\n`), expect: "error", status: 400 };
      // garbage credentials count as no credentials (Micro's rule), so they are tried on endpoints that need an account
      case 11: {
        const path = this.pick(["/registry/list-services", "/auth/accounts/list", "/runtime/read"]);
        const credentials = this.pick(["Authorization: Bearer garbage", "Authorization: Bearer a.b.c", "Cookie: micro-token=xyz", `Authorization: Bearer ${"A".repeat(4000)}`,
          "Authorization: Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiJ9.", "Authorization: Basic YWRtaW46bWljcm8="]);
        return { kind: "token-bad", bytes: Buffer.from(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n${credentials}\r\n\r\n`), expect: "error" };
      }
      case 12: return { kind: "multipart-bad", bytes: this.request("POST", "/helloworld/call", [["Content-Type", this.pick(["multipart/form-data", "multipart/form-data; boundary=xyz"])]], Buffer.from("--abc\r\nnot a part\r\n")), expect: "error", status: 400 };
      case 13: {
        const body = this.pick([[0x0a, 0x05, 0x41], [0x08], [0x0f, 0x01], [0x00, 0x01], [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01], [0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f]]);
        const type = this.pick(["application/protobuf", "application/octet-stream", "application/x-protobuf", "application/proto"]);
        return { kind: "protobuf-bad", bytes: this.request("POST", "/helloworld/call", [["Content-Type", type]], Buffer.from(body)), expect: "error", allow5xx: true };
      }
      case 14: return { kind: "upgrade-other", bytes: raw("Connection: Upgrade\r\nUpgrade: h2c\r\n"), expect: "error", status: 400 };
      case 15: return {
        kind: "websocket-bad", expect: "error", status: 400,
        bytes: Buffer.from(`GET /helloworld/${this.pick(["call", "stream"])} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n` +
          this.pick(["", "Sec-WebSocket-Version: 13\r\n", "Sec-WebSocket-Key: short\r\nSec-WebSocket-Version: 13\r\n", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 99\r\n"]) + "\r\n"),
      };
      case 16: return { kind: "host-bad", bytes: Buffer.from(`GET /helloworld/call?nme=1 HTTP/1.1\r\n${this.pick(["", "Host: a b\r\n", "Host: \r\n", "Host: x\r\nHost: y\r\n"])}\r\n`), expect: "error", status: 400 };
      default: return { kind: "header-ctl", bytes: raw(`X-Thing: a${this.pick(["\x01", "\x7f", "\r", "\x1b"])}b\r\n`), expect: "error-or-close" };
    }
  }

  badMethod(): FuzzCase {
    const line = this.pick([
      "FOO /helloworld/call HTTP/1.1", "get /helloworld/call HTTP/1.1", "GE\x01T /helloworld/call HTTP/1.1", " GET /helloworld/call HTTP/1.1",
      "GET /helloworld/call HTTP/9.9", "GET /helloworld/call HTTP/1.1 extra", "GET",
      "G\xc3\xa9T /helloworld/call HTTP/1.1", "CONNECT 127.0.0.1:80 HTTP/1.1", "PRI * HTTP/2.0", `${"A".repeat(this.int(10, 2000))} / HTTP/1.1`,
      "POST /helloworld/call HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello", "GET /helloworld/call HTTP/1.0\r\nTransfer-Encoding: chunked",
    ]);
    return { kind: "bad-method", bytes: Buffer.from(`${line}\r\nHost: 127.0.0.1\r\n\r\n`, "latin1"), expect: "error-or-close", end: true };
  }

  garbage(): FuzzCase {
    const v = this.int(0, 3);
    const bytes = v === 0 ? this.bytes(this.int(1, 4096))
      : v === 1 ? this.bytes(this.int(1, 2048), 0x09, 0x7e)
        : v === 2 ? Buffer.concat([Buffer.from("GET /helloworld/call HTTP/1.1\r\nHost: x\r\n"), this.bytes(this.int(1, 512))])
          : Buffer.from(this.pick(["\r\n\r\n", "GET ", "GET /", "GET / HTTP/1.1\r\n", "\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03", "\0\0\0\0"]), "latin1");
    return { kind: "garbage", bytes, expect: "error-or-close", end: true };
  }
}

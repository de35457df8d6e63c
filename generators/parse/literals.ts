// Literal handling exactly as protoc does it: string unescaping
// (Tokenizer::ParseStringAppend), integer parsing with range checks,
// CEscape for bytes defaults, and SimpleDtoa/SimpleFtoa ("%.15g"/"%.6g" with
// a round-trip fallback) for float defaults. Byte strings are latin1 JS
// strings (one char per byte) until they are decoded as UTF-8.

const digitValue = (c: string): number => {
  if (c >= "0" && c <= "9") return c.charCodeAt(0) - 48;
  if (c >= "a" && c <= "z") return c.charCodeAt(0) - 87;
  if (c >= "A" && c <= "Z") return c.charCodeAt(0) - 55;
  return -1;
};
const isOctal = (c: string | undefined) => c !== undefined && c >= "0" && c <= "7";
const isHex = (c: string | undefined) => c !== undefined && /^[0-9a-fA-F]$/.test(c);

const SIMPLE_ESCAPES: Record<string, string> = {
  a: "\x07", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\v", "\\": "\\", "?": "?", "'": "'", '"': '"',
};

function appendUtf8(code: number): string {
  return Buffer.from(String.fromCodePoint(code), "utf8").toString("latin1");
}

/** Reads \uXXXX or \UXXXXXXXX (with surrogate pairs) starting at text[i] = 'u'|'U'. */
function fetchUnicodePoint(text: string, i: number): { code: number; end: number } | undefined {
  const len = text[i] === "u" ? 4 : 8;
  const hex = text.slice(i + 1, i + 1 + len);
  if (hex.length !== len || !/^[0-9a-fA-F]+$/.test(hex)) return undefined;
  let code = parseInt(hex, 16);
  let end = i + 1 + len;
  if (code >= 0xd800 && code <= 0xdbff && text[end] === "\\" && text[end + 1] === "u") {
    const low = text.slice(end + 2, end + 6);
    if (/^[0-9a-fA-F]{4}$/.test(low)) {
      const lowCode = parseInt(low, 16);
      if (lowCode >= 0xdc00 && lowCode <= 0xdfff) {
        code = 0x10000 + ((code - 0xd800) << 10) + (lowCode - 0xdc00);
        end += 6;
      }
    }
  }
  return { code, end };
}

/** Decodes a quoted string token (raw bytes) into its byte value. */
export function unescapeStringToken(text: string): string {
  let out = "";
  const quote = text[0];
  for (let i = 1; i < text.length; i++) {
    const c = text[i]!;
    if (c === "\\" && i + 1 < text.length) {
      i++;
      const e = text[i]!;
      if (isOctal(e)) {
        let code = digitValue(e);
        if (isOctal(text[i + 1])) code = code * 8 + digitValue(text[++i]!);
        if (isOctal(text[i + 1])) code = code * 8 + digitValue(text[++i]!);
        out += String.fromCharCode(code & 0xff);
      } else if (e === "x") {
        let code = 0;
        if (isHex(text[i + 1])) code = digitValue(text[++i]!);
        if (isHex(text[i + 1])) code = code * 16 + digitValue(text[++i]!);
        out += String.fromCharCode(code);
      } else if (e === "u" || e === "U") {
        const cp = fetchUnicodePoint(text, i);
        if (!cp) out += e;
        else {
          out += appendUtf8(cp.code);
          i = cp.end - 1;
        }
      } else {
        out += SIMPLE_ESCAPES[e] ?? "?";
      }
    } else if (c === quote && i === text.length - 1) {
      // closing quote
    } else {
      out += c;
    }
  }
  return out;
}

/** Byte string (latin1) to a JS string, decoding UTF-8 like protobuf string fields. */
export function bytesToUtf8(bytes: string): string {
  return Buffer.from(bytes, "latin1").toString("utf8");
}

export function utf8ToBytes(s: string): string {
  return Buffer.from(s, "utf8").toString("latin1");
}

/** Tokenizer::ParseInteger: decimal, 0x hex, or leading-0 octal; undefined when out of range or malformed. */
export function parseIntegerToken(text: string, maxValue: bigint): bigint | undefined {
  let base = 10n;
  let i = 0;
  if (text[0] === "0") {
    if (text[1] === "x" || text[1] === "X") {
      base = 16n;
      i = 2;
    } else {
      base = 8n;
    }
  }
  let result = 0n;
  for (; i < text.length; i++) {
    const d = digitValue(text[i]!);
    if (d < 0 || BigInt(d) >= base) return undefined;
    result = result * base + BigInt(d);
    if (result > maxValue) return undefined;
  }
  return result;
}

/** Tokenizer::ParseFloat: strtod that tolerates a dangling exponent or an 'f' suffix. */
export function parseFloatToken(text: string): number {
  let t = text;
  if (/[fF]$/.test(t) && !/^0[xX]/.test(t)) t = t.slice(0, -1);
  t = t.replace(/[eE][+-]?$/, "");
  return Number(t.startsWith(".") ? "0" + t : t);
}

/** C's "%.{precision}g". */
export function formatG(value: number, precision: number): string {
  if (value === 0) return Object.is(value, -0) ? "-0" : "0";
  const exp = value.toExponential(precision - 1);
  const [mantissa, expPart] = exp.split("e") as [string, string];
  const x = parseInt(expPart, 10);
  if (x < -4 || x >= precision) {
    const m = mantissa.includes(".") ? mantissa.replace(/0+$/, "").replace(/\.$/, "") : mantissa;
    const sign = x < 0 ? "-" : "+";
    const abs = Math.abs(x);
    return `${m}e${sign}${abs < 10 ? "0" + abs : abs}`;
  }
  const fixed = value.toFixed(precision - 1 - x);
  return fixed.includes(".") ? fixed.replace(/0+$/, "").replace(/\.$/, "") : fixed;
}

function specialFloat(value: number): string | undefined {
  if (value === Infinity) return "inf";
  if (value === -Infinity) return "-inf";
  if (Number.isNaN(value)) return "nan";
  return undefined;
}

/** SimpleDtoa: shortest of %.15g / %.17g that round-trips. */
export function simpleDtoa(value: number): string {
  const special = specialFloat(value);
  if (special !== undefined) return special;
  const s = formatG(value, 15);
  return Number(s) === value ? s : formatG(value, 17);
}

/** SimpleFtoa: %.6g, or %.9g when that does not round-trip as a float. */
export function simpleFtoa(value: number): string {
  const special = specialFloat(value);
  if (special !== undefined) return special;
  const s = formatG(value, 6);
  return Math.fround(Number(s)) === value ? s : formatG(value, 9);
}

/** strtod as protoc uses it on default values ("inf", "-inf", "nan" included). */
export function strtod(s: string): number {
  const t = s.trim();
  if (/^[+-]?inf(inity)?$/i.test(t)) return t.startsWith("-") ? -Infinity : Infinity;
  if (/^[+-]?nan$/i.test(t)) return NaN;
  return Number(t);
}

/** CEscape (octal escapes for non-printable bytes), used for bytes default values. */
export function cEscape(bytes: string): string {
  let out = "";
  for (const c of bytes) {
    switch (c) {
      case "\n": out += "\\n"; break;
      case "\r": out += "\\r"; break;
      case "\t": out += "\\t"; break;
      case '"': out += '\\"'; break;
      case "'": out += "\\'"; break;
      case "\\": out += "\\\\"; break;
      default: {
        const code = c.charCodeAt(0);
        out += code < 0x20 || code >= 0x7f ? "\\" + code.toString(8).padStart(3, "0") : c;
      }
    }
  }
  return out;
}

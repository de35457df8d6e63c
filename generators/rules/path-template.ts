// google.api.http path templates:
//   Template = "/" Segments [ Verb ] ;   Segments = Segment { "/" Segment } ;
//   Segment  = "*" | "**" | LITERAL | Variable ;   Variable = "{" FieldPath [ "=" Segments ] "}" ;
//   FieldPath = IDENT { "." IDENT } ;   Verb = ":" LITERAL ;
// parsePathTemplate() checks a template and turns it into an anchored regular expression whose capture groups
// are the variables, in order. The HttpRule grammar wants "**" last, but Google's own APIs put it before other
// segments (remoteworkers v1test2: "/v1test2/{name=**/botSessions/*}") and protoc accepts them: a template may
// hold one "**" anywhere (two would make the match ambiguous).

export interface TemplateVariable {
  /** Request field path, e.g. "item.id". */
  readonly field: string;
  /** The variable's segments, "*" when the template gives none. */
  readonly pattern: string;
}

export interface PathTemplate {
  readonly variables: TemplateVariable[];
  readonly verb: string;
  /** Source of an anchored RegExp matching request paths; group i captures variables[i]. */
  readonly regex: string;
}

export class PathTemplateError extends Error {
  override name = "PathTemplateError";
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function parsePathTemplate(template: string): PathTemplate {
  let pos = 0;
  const fail = (why: string): never => {
    throw new PathTemplateError(`invalid path template "${template}" at offset ${pos}: ${why}`);
  };
  const peek = () => template[pos];
  const variables: TemplateVariable[] = [];
  let deepWildcard = false;

  // Returns the regex source of Segments, and their text.
  const segments = (inVariable: boolean): { regex: string; text: string } => {
    const parts: { regex: string; text: string }[] = [];
    for (;;) {
      parts.push(segment(inVariable));
      if (peek() !== "/") break;
      pos++;
    }
    return { regex: parts.map((p) => p.regex).join("/"), text: parts.map((p) => p.text).join("/") };
  };

  const segment = (inVariable: boolean): { regex: string; text: string } => {
    if (peek() === "*") {
      pos++;
      if (peek() === "*") {
        pos++;
        if (deepWildcard) fail(`a second "**" (one is allowed: two make the match ambiguous)`);
        deepWildcard = true;
        return { regex: ".+", text: "**" };
      }
      return { regex: "[^/]+", text: "*" };
    }
    if (peek() === "{") {
      if (inVariable) fail("nested variable");
      return variable();
    }
    const start = pos;
    while (pos < template.length && !"/{}*=:".includes(template[pos]!)) pos++;
    if (pos === start) fail("empty segment");
    const literal = template.slice(start, pos);
    return { regex: escapeRegex(literal), text: literal };
  };

  const variable = (): { regex: string; text: string } => {
    pos++; // "{"
    const start = pos;
    while (pos < template.length && !"=}".includes(template[pos]!)) pos++;
    const field = template.slice(start, pos);
    if (!field.split(".").every((part) => IDENT.test(part))) fail(`bad field path "${field}"`);
    let inner = { regex: "[^/]+", text: "*" };
    if (peek() === "=") {
      pos++;
      inner = segments(true);
    }
    if (peek() !== "}") fail(`expected "}"`);
    pos++;
    variables.push({ field, pattern: inner.text });
    return { regex: `(${inner.regex})`, text: `{${field}}` };
  };

  if (peek() !== "/") fail(`must start with "/"`);
  pos++;
  const body = segments(false);
  let verb = "";
  if (peek() === ":") {
    pos++;
    verb = template.slice(pos);
    if (verb === "" || /[/{}*:=]/.test(verb)) fail("bad verb");
    pos = template.length;
  }
  if (pos !== template.length) fail(`unexpected "${peek()}"`);
  const seen = new Set<string>();
  for (const v of variables) {
    if (seen.has(v.field)) fail(`variable "${v.field}" appears twice`);
    seen.add(v.field);
  }
  return { variables, verb, regex: `^/${body.regex}${verb ? ":" + escapeRegex(verb) : ""}$` };
}

/** `s` matched literally in a RegExp source. */
export function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

// Name derivations protoc applies: JSON names and map entry type names.

const toUpperAscii = (c: string) => (c >= "a" && c <= "z" ? c.toUpperCase() : c);

/** protoc's ToJsonName: drop underscores and upper-case the letter after each. */
export function toJsonName(name: string): string {
  let out = "";
  let capitalizeNext = false;
  for (const c of name) {
    if (c === "_") capitalizeNext = true;
    else if (capitalizeNext) {
      out += toUpperAscii(c);
      capitalizeNext = false;
    } else out += c;
  }
  return out;
}

/** protoc's MapEntryName: `foo_bar` -> `FooBarEntry`. */
export function mapEntryName(fieldName: string): string {
  let out = "";
  let capNext = true;
  for (const c of fieldName) {
    if (c === "_") capNext = true;
    else if (capNext) {
      out += toUpperAscii(c);
      capNext = false;
    } else out += c;
  }
  return out + "Entry";
}

// Case conversions the SDK templates use: proto names are PascalCase (services, messages, rpcs) or snake_case
// (fields, packages); each language wants its own spelling.

/** Words of a proto name: "GetService" → [get, service], "list_services" → [list, services], "HTTPRule" → [http, rule]. */
export function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w !== "")
    .map((w) => w.toLowerCase());
}

export const snake = (name: string): string => words(name).join("_");
export const pascal = (name: string): string => words(name).map((w) => w[0]!.toUpperCase() + w.slice(1)).join("");
export const camel = (name: string): string => {
  const p = pascal(name);
  return p === "" ? p : p[0]!.toLowerCase() + p.slice(1);
};
export const screaming = (name: string): string => snake(name).toUpperCase();

/** Renames `name` when it is a keyword of the target language (Python's `import`, Rust's `type`...). */
export function safeName(name: string, keywords: ReadonlySet<string>, suffix = "_"): string {
  return keywords.has(name) ? name + suffix : name;
}

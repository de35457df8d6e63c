// clipanion 3 writes an option's value as `#0` in usage lines (`[--env #0]`) and has no way to name it: usage
// text is rewritten here so help and errors say `[--env NAME]`. The value is named after what the option takes
// where its name does not say it, else after the option (`--table TABLE`).
const VALUE_NAMES: Record<string, string> = {
  env: "NAME", output: "FORMAT", "data-dir": "DIR", out: "DIR", store: "URL", lang: "LANG",
  metadata: "KEY=VALUE", "env-vars": "KEY=VALUE",
  "request-timeout": "DURATION", wait: "DURATION", expiry: "DURATION", since: "DURATION",
  limit: "N", offset: "N", lines: "N", count: "N", priority: "N",
  email: "ID", password: "PASSWORD", "old-password": "PASSWORD", "new-password": "PASSWORD",
};

/** `--env #0` → `--env NAME`, `--output,-o #0` → `--output,-o FORMAT`: every option placeholder in `text`. */
export function namePlaceholders(text: string): string {
  return text.replace(/((?:-{1,2}[A-Za-z][\w-]*,)*-{1,2}[A-Za-z][\w-]*)((?: #\d+)+)/g, (_all, names: string, holes: string) => {
    const long = names.split(",").find((n) => n.startsWith("--")) ?? names.split(",")[0]!;
    const bare = long.replace(/^-+/, "");
    const value = VALUE_NAMES[bare] ?? bare.toUpperCase().replace(/-/g, "_");
    const count = holes.trim().split(" ").length;
    return `${names}${` ${value}`.repeat(count)}`;
  });
}

// The first words of the builtin commands. main.ts reads this (not index.ts) to decide whether `micro <word>`
// is a builtin or a dynamic command, so that calling a service never loads clipanion and the command classes.
export const BUILTIN_WORDS: ReadonlySet<string> = new Set([
  "server", "env", "login", "logout", "signup", "user", "auth", "services", "call", "stream", "publish",
  "store", "config", "events", "debug", "completion", "__complete",
  // their own issues add these commands; the words are reserved now so they never resolve to a service
  "new", "run", "status", "logs", "kill", "update", "generate", "mcp",
]);

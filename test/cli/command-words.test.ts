// The builtin command list loads commands by first word (commands/index.ts), and main.ts tells builtins from
// services by BUILTIN_WORDS (commands/words.ts): both must say the same, or a command would be unreachable or
// loaded with the wrong group.
import { test } from "node:test";
import assert from "node:assert/strict";
import { builtinCommandEntries, loadBuiltinCommands } from "../../runtime/cli/commands/index.js";
import { BUILTIN_WORDS } from "../../runtime/cli/commands/words.js";

test("every builtin command is listed under the first word of each of its paths, and the words agree with BUILTIN_WORDS", async () => {
  for (const [word, load] of builtinCommandEntries) {
    const command = await load();
    const paths = command.paths ?? [];
    assert.ok(paths.length > 0, `${command.name} has no path`);
    for (const path of paths) assert.equal(path[0], word, `${command.name} path "${path.join(" ")}" is listed under "${word}"`);
  }
  assert.deepEqual(new Set(builtinCommandEntries.map(([w]) => w)), new Set(BUILTIN_WORDS));
});

test("a word loads only its own commands; no word, an unknown one, or __complete loads them all", async () => {
  const call = await loadBuiltinCommands("call");
  assert.deepEqual(call.map((c) => c.paths), [[["call"]]]);
  const store = await loadBuiltinCommands("store");
  assert.ok(store.length > 1 && store.every((c) => c.paths!.every((p) => p[0] === "store")));
  for (const word of [undefined, "nosuch", "__complete"]) {
    assert.equal((await loadBuiltinCommands(word)).length, builtinCommandEntries.length, String(word));
  }
});

test("the snapshot's command list (light.ts) gives the same commands as index.ts for its words, and refuses the rest", async () => {
  const { LIGHT_WORDS, loadBuiltinCommands: loadLight } = await import("../../runtime/cli/commands/light.js");
  assert.ok(LIGHT_WORDS.has("call") && LIGHT_WORDS.has("store") && !LIGHT_WORDS.has("server") && !LIGHT_WORDS.has("__complete"));
  for (const word of LIGHT_WORDS) assert.deepEqual(await loadLight(word), await loadBuiltinCommands(word), word);
  for (const word of BUILTIN_WORDS) {
    if (!LIGHT_WORDS.has(word)) assert.throws(() => loadLight(word), /not in the CLI's snapshot/, word);
  }
});

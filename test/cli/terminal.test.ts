// What only a terminal shows: the password prompt hides what is typed, colours appear on a TTY (and not with
// NO_COLOR or in a pipe), and shell completion completes commands, services and flags.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { startPlatform, type Platform } from "./support/platform.js";
import { startFixtures } from "./support/services.js";
import { runMicro, tempHome } from "./support/micro.js";
import { Terminal } from "./support/tmux.js";

let platform: Platform;

before(async () => {
  platform = await startPlatform();
  await startFixtures(platform);
});

after(async () => {
  await platform?.close();
});

async function inTerminal(fn: (t: Terminal, home: string) => Promise<void>, env: Record<string, string> = {}): Promise<void> {
  const h = await tempHome();
  const t = await Terminal.open({ HOME: h.home, MICRO_PROXY_PORT: String(platform.port), ...env });
  try {
    await t.waitFor(/\$ $/m);
    await fn(t, h.home);
  } finally {
    await t.close();
    await h.remove();
  }
}

test("micro login prompts for the email and password, and does not echo the password", async () => {
  await inTerminal(async (t, home) => {
    await t.type("micro login");
    await t.press("Enter");
    await t.waitFor(/Enter email address: $/m);
    await t.type("admin");
    await t.press("Enter");
    await t.waitFor(/Enter password: $/m);
    await t.type("micro");
    await t.press("Enter");
    const screen = await t.waitFor(/Successfully logged in\./);
    assert.match(screen, /^Enter email address: admin$/m, "the email is echoed");
    assert.match(screen, /^Enter password: $/m, "the password is not");
    assert.doesNotMatch(screen, /Enter password: \S/);
    const config = JSON.parse(await readFile(join(home, ".micro", "config.json"), "utf8"));
    assert.equal(config.envs.local.account.id, "admin");
  });
});

test("colours on a terminal, none with NO_COLOR, none in a pipe", async () => {
  await inTerminal(async (t) => {
    await t.type("micro env");
    await t.press("Enter");
    const coloured = await t.waitFor(/platform/, { escapes: true });
    assert.match(coloured, /\x1b\[[0-9;]*m\*/, "the current environment's marker is coloured");
  });
  await inTerminal(async (t) => {
    await t.type("micro env");
    await t.press("Enter");
    const plain = await t.waitFor(/platform/, { escapes: true });
    assert.doesNotMatch(plain.split("micro env")[1], /\x1b\[/, "NO_COLOR turns colours off");
  }, { NO_COLOR: "1" });
  const h = await tempHome();
  try {
    const piped = await runMicro(["env"], { home: h.home });
    assert.doesNotMatch(piped.stdout, /\x1b\[/);
    // clipanion's own --help colours by the process's colour depth unless told otherwise
    const help = await runMicro(["--help"], { home: h.home, env: { TERM: "xterm-256color" } });
    assert.match(help.stdout, /micro <command>/);
    assert.doesNotMatch(help.stdout, /\x1b\[/, "piped --help is plain");
  } finally {
    await h.remove();
  }
});

test("errors on a terminal are one red line", async () => {
  await inTerminal(async (t) => {
    await t.type("micro env set nowhere");
    await t.press("Enter");
    const screen = await t.waitFor(/does not exist/, { escapes: true });
    assert.match(screen, /\x1b\[31mEnvironment "nowhere" does not exist/);
  });
});

test("bash completion completes commands, subcommands, services and their flags", async () => {
  await inTerminal(async (t) => {
    await t.type("micro login --email admin --password micro && source <(micro completion bash) && clear");
    await t.press("Enter");
    await t.waitFor(/^\$ $/m);
    await t.type("micro sto");
    await t.press("Tab");
    await t.waitFor(/\$ micro store $/m);
    await t.press("Tab", "Tab");
    const listing = await t.waitFor(/databases/);
    for (const word of ["read", "write", "delete", "list", "tables"]) assert.match(listing, new RegExp(`\\b${word}\\b`));
    await t.press("C-u");
    await t.type("micro hellow");
    await t.press("Tab");
    await t.waitFor(/\$ micro helloworld $/m);
    await t.type("mess");
    await t.press("Tab");
    await t.waitFor(/\$ micro helloworld message $/m);
    await t.type("--na");
    await t.press("Tab");
    await t.waitFor(/\$ micro helloworld message --name $/m);
    await t.type("Alice");
    await t.press("Enter");
    await t.waitFor(/"msg": "Message for Alice"/);
  });
});

test("completion scripts for zsh and fish name the completer; other shells are refused", async () => {
  const h = await tempHome();
  try {
    for (const [shell, marker] of [["bash", /complete -o default -F _micro_complete micro/], ["zsh", /compdef _micro_complete micro/], ["fish", /complete -c micro/]] as const) {
      const r = await runMicro(["completion", shell], { home: h.home });
      assert.equal(r.code, 0);
      assert.match(r.stdout, marker);
      assert.match(r.stdout, /micro __complete/);
    }
    const bad = await runMicro(["completion", "tcsh"], { home: h.home });
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /unsupported shell "tcsh"/);
  } finally {
    await h.remove();
  }
});

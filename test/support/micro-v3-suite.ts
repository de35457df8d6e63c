// Test support: Micro 3.0's own integration suite (test/ of github.com/micro/micro/v3@v3.19.0, build tag
// `integration`), compiled with one added file (test/compat/micro-v3-suite/local_server.go: the suite's docker
// launcher swapped for a local process in namespaces of its own, tests one at a time) and run against the
// `micro server` of a binary we name — Micro 3.0's own (the baseline) or ours (bin/micro).
import { createHash } from "node:crypto";
import { cp, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { installed, run } from "../../generators/index.js";
import { runCommand } from "../cli/support/micro.js";
import { MICRO_V3_TOOLCHAIN, MICRO_V3_VERSION, asStranger, microV3GoCache, requireNamespaces } from "./micro-v3.js";

/** The suite's server tests that need no internet (the rest fetch services from GitHub). */
export const SERVER_TESTS = [
  "TestStore", "TestServerAuth", "TestPasswordChange", "TestNoDefaultAccount", "TestConfig", "TestWrongCommands",
  "TestNamespaceConfigIsolation", "TestServerModeCall",
] as const;

/** dist/test/support → the Go file in the sources. */
const LAUNCHER = fileURLToPath(new URL("../../../test/compat/micro-v3-suite/local_server.go", import.meta.url));
const MODULE = `github.com/micro/micro/v3@${MICRO_V3_VERSION}`;

/** The suite's test binary, compiled once per version of the launcher file into the tools cache. */
export async function microV3Suite(): Promise<string> {
  const launcher = await readFile(LAUNCHER);
  const hash = createHash("sha256").update(launcher).digest("hex").slice(0, 12);
  const env = {
    ...process.env, GOTOOLCHAIN: MICRO_V3_TOOLCHAIN, CGO_ENABLED: "0", GOFLAGS: "-mod=mod",
    // the compile of Micro 3.0 and its dependencies, kept for the next version of the launcher
    GOCACHE: microV3GoCache(),
  };
  const dir = await installed(`micro-v3-suite@${MICRO_V3_VERSION}+${MICRO_V3_TOOLCHAIN}-${hash}`, async (tmp) => {
    const { Dir } = JSON.parse(await run("go", ["mod", "download", "-json", MODULE], { env, timeoutMs: 1_200_000 })) as { Dir: string };
    // a writable copy of the module (the module cache is read-only) with the launcher added to its test/
    const src = join(tmp, "src");
    await cp(Dir, src, { recursive: true });
    await run("chmod", ["-R", "u+w", src]);
    await cp(LAUNCHER, join(src, "test", "local_server.go"));
    await run("go", ["test", "-c", "-tags", "integration", "-o", join(tmp, "micro-v3-suite.test"), "./test"], { cwd: src, env, timeoutMs: 1_200_000 });
    await rm(src, { recursive: true, force: true });
  });
  return join(dir, "micro-v3-suite.test");
}

export interface SuiteRun {
  /** Each test's verdict, from `go test -v`'s "--- PASS: TestX" lines. */
  verdicts: Map<string, "PASS" | "FAIL" | "SKIP">;
  output: string;
  code: number;
}

/**
 * Runs `tests` of the suite, each against a fresh `<server> server`, driven by Micro 3.0's CLI (`cli`, the
 * Micro 3.0 binary, first on PATH). The suite runs as a uid /etc/passwd does not name with HOME a throwaway
 * directory (Micro 3.0 finds ~/.micro through os/user; see micro-v3.ts).
 */
export async function runMicroV3Suite(suite: string, cli: string, server: string, tests: readonly string[]): Promise<SuiteRun> {
  requireNamespaces();
  const home = await mkdtemp(join(tmpdir(), "micro-v3-suite-"));
  try {
    const prefix = asStranger();
    const r = await runCommand(prefix[0], [...prefix.slice(1), suite, "-test.v", "-test.timeout", "20m", "-test.run", `^(${tests.join("|")})$`], {
      cwd: home,
      timeoutMs: 1_500_000,
      env: {
        PATH: `${dirname(cli)}:${process.env.PATH ?? "/usr/bin:/bin"}`, HOME: home, USER: "micro", TMPDIR: home,
        MICRO_SUITE_SERVER: server,
      },
    });
    const output = r.stdout + r.stderr;
    const verdicts = new Map<string, "PASS" | "FAIL" | "SKIP">();
    for (const m of output.matchAll(/^--- (PASS|FAIL|SKIP): (\w+) /gm)) verdicts.set(m[2], m[1] as "PASS" | "FAIL" | "SKIP");
    return { verdicts, output, code: r.code };
  } finally {
    await rm(home, { recursive: true, force: true });
  }
}

// The SDK emitters on protos other than the server's (what `micro generate --lang` will run): every language
// renders the fixtures (dotted packages, imports across packages, google.protobuf.Empty, all four streaming
// kinds), and the Go SDK of helloworld builds with the Go toolchain.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateSdk, loadProtos, renderSdk, SDK_LANGUAGES } from "../../generators/emit/sdk/index.js";
import { goPluginDir } from "../../generators/emit/sdk/tools.js";
import { REPO, runTool } from "./support.js";
import { skipUnless } from "../support/tools.js";

const FIXTURES = {
  helloworld: loadProtos(join(REPO, "fixtures", "helloworld")),
  "kitchen-sink": loadProtos(join(REPO, "fixtures", "kitchen-sink"), [join(REPO, "fixtures", "third_party")]),
};

/** How each language declares a service's client ("Micro" goes in when a message has taken the plain name). */
const CLIENT_NAME: Record<string, (service: string) => RegExp> = {
  go: (s) => new RegExp(`func New${s}\\(`), python: (s) => new RegExp(`class ${s}(Micro)?Client:`),
  ts: (s) => new RegExp(`export class ${s}(Micro)?Client \\{`), rust: (s) => new RegExp(`pub struct ${s}(Micro)?Client \\{`),
  java: (s) => new RegExp(`public final class ${s}(Micro)?Client \\{`),
};

for (const [fixture, input] of Object.entries(FIXTURES)) {
  for (const lang of Object.keys(SDK_LANGUAGES)) {
    test(`sdk ${lang}: renders a client for every service of ${fixture}`, () => {
      const text = renderSdk(input, lang).map((f) => f.content).join("\n");
      for (const service of input.model.services) {
        assert.match(text, CLIENT_NAME[lang]!(service.name), `${lang}: no client for ${service.fullName}`);
        for (const method of service.methods) assert.ok(text.includes(method.endpoint), `${lang}: no ${method.endpoint}`);
      }
    });
  }
}

test("sdk go: the helloworld SDK builds (go vet) with its streaming methods", { timeout: 600_000 }, async (t) => {
  if (skipUnless(t, "go", "protoc")) return;
  const binDir = await goPluginDir();
  const out = mkdtempSync(join(tmpdir(), "micro-sdk-go-"));
  try {
    const result = generateSdk(FIXTURES.helloworld, "go", out, { options: { module: "example.com/hello", binDir } });
    assert.deepEqual(result.generated.sort(), ["helloworld/helloworld.pb.go", "helloworld/helloworld_grpc.pb.go"]);
    // Resolved from the module cache that sdk/go's build fills (the Go proxy otherwise).
    const tidy = await runTool("go", ["mod", "tidy"], { cwd: out });
    assert.equal(tidy.code, 0, tidy.output);
    const vet = await runTool("go", ["vet", "./..."], { cwd: out });
    assert.equal(vet.code, 0, vet.output);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

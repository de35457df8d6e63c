import { Command, Option } from "clipanion";
import { MicroCommand } from "./base.js";
import { CliError } from "../errors.js";
import { SHELLS, completionScript, type Shell } from "../completion/scripts.js";

export class CompletionCommand extends MicroCommand {
  static override paths = [["completion"]];
  static override usage = Command.Usage({
    description: "Print a shell completion script (bash, zsh or fish)",
    details: "Completes builtin commands and flags, and the services, endpoints and request flags of the current environment.",
    examples: [
      ["Enable in bash", "source <($0 completion bash)"],
      ["Enable in zsh", "source <($0 completion zsh)"],
      ["Enable in fish", "$0 completion fish | source"],
    ],
  });

  shell = Option.String({ name: "shell" });

  async execute(): Promise<number> {
    if (!(SHELLS as readonly string[]).includes(this.shell)) throw new CliError(`unsupported shell "${this.shell}": use ${SHELLS.join(", ")}`);
    this.print(completionScript(this.shell as Shell));
    return 0;
  }
}

/** `micro __complete <words…> <current>`: the candidates, one a line (used by the scripts; not listed in help). */
export class CompleteCommand extends MicroCommand {
  static override paths = [["__complete"]];

  words = Option.Proxy();

  async execute(): Promise<number> {
    const { candidates } = await import("../completion/candidates.js");
    const typed = this.words.slice(0, -1);
    const current = this.words[this.words.length - 1] ?? "";
    const builtins = this.cli.definitions().map((d) => ({
      words: d.path.split(" ").slice(1).filter((w) => /^[a-z_]/.test(w)),
      options: d.options.flatMap((o) => o.definition.split(/[ ,]+/).filter((x) => x.startsWith("-"))),
    }));
    const found = await candidates(typed, current, builtins, this.context);
    if (found.length) this.print(found.join("\n"));
    return 0;
  }
}

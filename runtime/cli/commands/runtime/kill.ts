import { Command } from "clipanion";
import { MicroCommand } from "../base.js";
import { CliError } from "../../errors.js";

export class KillCommand extends MicroCommand {
  static override paths = [["kill"]];
  static override usage = Command.Usage({ category: "Services", description: "kill (being written)" });

  async execute(): Promise<number> {
    throw new CliError("micro kill is not available yet");
  }
}

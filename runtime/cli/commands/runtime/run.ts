import { Command } from "clipanion";
import { MicroCommand } from "../base.js";
import { CliError } from "../../errors.js";

export class RunCommand extends MicroCommand {
  static override paths = [["run"]];
  static override usage = Command.Usage({ category: "Services", description: "run (being written)" });

  async execute(): Promise<number> {
    throw new CliError("micro run is not available yet");
  }
}

import { Command } from "clipanion";
import { MicroCommand } from "./base.js";
import { CliError } from "../errors.js";

export class GenerateCommand extends MicroCommand {
  static override paths = [["generate"]];
  static override usage = Command.Usage({ category: "Services", description: "generate (being written)" });

  async execute(): Promise<number> {
    throw new CliError("micro generate is not available yet");
  }
}

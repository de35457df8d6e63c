import { Command } from "clipanion";
import { MicroCommand } from "./base.js";
import { CliError } from "../errors.js";

export class NewCommand extends MicroCommand {
  static override paths = [["new"]];
  static override usage = Command.Usage({ category: "Services", description: "new (being written)" });

  async execute(): Promise<number> {
    throw new CliError("micro new is not available yet");
  }
}

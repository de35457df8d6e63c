import { Command } from "clipanion";
import { MicroCommand } from "../base.js";
import { CliError } from "../../errors.js";

export class UpdateCommand extends MicroCommand {
  static override paths = [["update"]];
  static override usage = Command.Usage({ category: "Services", description: "update (being written)" });

  async execute(): Promise<number> {
    throw new CliError("micro update is not available yet");
  }
}

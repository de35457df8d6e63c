import { Command } from "clipanion";
import { MicroCommand } from "../base.js";
import { CliError } from "../../errors.js";

export class StatusCommand extends MicroCommand {
  static override paths = [["status"]];
  static override usage = Command.Usage({ category: "Services", description: "status (being written)" });

  async execute(): Promise<number> {
    throw new CliError("micro status is not available yet");
  }
}

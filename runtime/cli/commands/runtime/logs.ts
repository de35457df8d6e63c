import { Command } from "clipanion";
import { MicroCommand } from "../base.js";
import { CliError } from "../../errors.js";

export class LogsCommand extends MicroCommand {
  static override paths = [["logs"]];
  static override usage = Command.Usage({ category: "Services", description: "logs (being written)" });

  async execute(): Promise<number> {
    throw new CliError("micro logs is not available yet");
  }
}

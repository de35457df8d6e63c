import { Command } from "clipanion";
import { MicroCommand } from "./base.js";

export class LogoutCommand extends MicroCommand {
  static override paths = [["logout"]];
  static override usage = Command.Usage({
    category: "Auth",
    description: "Forget the login of the current environment",
    examples: [["Log out", "$0 logout"]],
  });

  async execute(): Promise<number> {
    this.session().clearLogin();
    return 0;
  }
}

import { Command } from "clipanion";
import { MicroCommand } from "../base.js";

export class UserNamespaceCommand extends MicroCommand {
  static override paths = [["user", "namespace"]];
  static override usage = Command.Usage({
    category: "Auth",
    description: "Print the namespace of the current environment (just the name, for scripts)",
    examples: [["Use it in a request", "NAMESPACE=$($0 user namespace)"]],
  });

  async execute(): Promise<number> {
    this.print(this.session().namespace);
    return 0;
  }
}

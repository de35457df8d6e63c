import { Command } from "clipanion";
import { MicroCommand } from "../base.js";
import { CliError, ExitCode } from "../../errors.js";

export class UserTokenCommand extends MicroCommand {
  static override paths = [["user", "token"]];
  static override usage = Command.Usage({
    category: "Auth",
    description: "Print a valid access token for the current environment (refreshed when about to expire)",
    examples: [["Call the API with curl", "curl -H \"Authorization: Bearer $($0 user token)\" localhost:8080/helloworld"]],
  });

  async execute(): Promise<number> {
    const session = this.session();
    const token = await session.token();
    if (!token) throw new CliError(`not logged in to ${session.env.name}: run \`micro login\``, ExitCode.unauthorized);
    this.print(token);
    return 0;
  }
}

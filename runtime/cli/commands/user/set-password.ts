import { Command, Option } from "clipanion";
import { MicroCommand } from "../base.js";
import { Prompter } from "../../prompt.js";
import { CliError, ExitCode } from "../../errors.js";
import { givenSecret } from "../login.js";

export class UserSetPasswordCommand extends MicroCommand {
  static override paths = [["user", "set", "password"]];
  static override usage = Command.Usage({
    category: "Auth",
    description: "Change the password of the logged-in account",
    details: "Prompts (without echo) for whatever is not given; with --password-stdin, standard input holds the current password on its first line and the new one on its second. The new password has at least 8 characters. You stay logged in with the new password.",
    examples: [
      ["Change your password", "$0 user set password"],
      ["Change it from a script (current, then new password, one per line)", "$0 user set password --password-stdin < passwords.txt"],
    ],
  });

  oldPassword = Option.String("--old-password", { description: "The current password (visible in the process list: prefer the prompt or --password-stdin)" });
  newPassword = Option.String("--new-password", { description: "The new password (visible in the process list: prefer the prompt or --password-stdin)" });
  passwordStdin = Option.Boolean("--password-stdin", false, { description: "Read the current password, then the new one, from the first two lines of standard input" });

  async execute(): Promise<number> {
    const session = this.session();
    const account = session.account;
    if (!account) throw new CliError(`not logged in to ${session.env.name}: run \`micro login\``, ExitCode.unauthorized);
    const { oldSecret, newSecret } = await this.secrets();
    const [{ Accounts }, { exchange }] = await Promise.all([import("../../../gen/auth/auth_pb.js"), import("../../session/tokens.js")]);
    const accounts = await session.client(Accounts);
    await accounts.changeSecret({ id: account.id, oldSecret, newSecret, options: { namespace: session.namespace } });
    // the old secret's refresh tokens die with it: log in again with the new one
    session.saveTokens(await exchange(session, { id: account.id, secret: newSecret }));
    this.print("Password changed.");
    return 0;
  }

  private async secrets(): Promise<{ oldSecret: string; newSecret: string }> {
    const prompter = new Prompter(this.context);
    try {
      if (this.passwordStdin) {
        if (this.oldPassword !== undefined || this.newPassword !== undefined) throw new CliError("use --old-password/--new-password or --password-stdin, not both");
        const oldSecret = await givenSecret(prompter, { value: undefined, stdin: true, flag: "--password", what: "Current password" });
        const newSecret = await givenSecret(prompter, { value: undefined, stdin: true, flag: "--password", what: "New password" });
        return { oldSecret: oldSecret!, newSecret: newSecret! };
      }
      const oldSecret = this.oldPassword ?? await prompter.required("Current password: ", { hidden: true });
      let newSecret = this.newPassword;
      if (newSecret === undefined) {
        newSecret = await prompter.required("New password: ", { hidden: true });
        if (prompter.interactive && await prompter.ask("Confirm new password: ", { hidden: true }) !== newSecret) {
          throw new CliError("the passwords do not match");
        }
      }
      if (!newSecret) throw new CliError("the new password must not be empty");
      return { oldSecret, newSecret };
    } finally {
      prompter.close();
    }
  }
}

import { Command, Option } from "clipanion";
import { MicroCommand } from "./base.js";
import { Prompter } from "../prompt.js";
import { CliError, ExitCode } from "../errors.js";

export class LoginCommand extends MicroCommand {
  static override paths = [["login"]];
  static override usage = Command.Usage({
    category: "Auth",
    description: "Log in to the current environment",
    details: "Asks for the email (account id) and password unless given. On a fresh local server the account is admin with password micro. The token is kept in ~/.micro/config.json and refreshed automatically.",
    examples: [
      ["Log in, prompting for the credentials", "$0 login"],
      ["Log in to a fresh local server", "$0 login --email admin --password micro"],
    ],
  });

  email = Option.String("--email,--username", { description: "Account id (an email address, or a username such as admin)" });
  password = Option.String("--password", { description: "Password; prompted for (without echo) when omitted" });
  namespace = Option.String("--namespace", { description: "Namespace the account belongs to (default: the environment's, else micro)" });

  async execute(): Promise<number> {
    const session = this.session();
    const prompter = new Prompter(this.context);
    let id: string, secret: string;
    try {
      id = this.email ?? await prompter.required("Enter email address: ");
      secret = this.password ?? await prompter.required("Enter password: ", { hidden: true });
    } finally {
      prompter.close();
    }
    const { exchange, inspect } = await import("../session/tokens.js");
    const namespace = this.namespace ?? session.namespace;
    const tokens = await exchange(session, { id: id.trim().toLowerCase(), secret }, namespace).catch((err) => { throw loginFailure(err); });
    const account = await inspect(session, tokens.accessToken, namespace);
    session.saveTokens(tokens, account, account.issuer || namespace);
    this.print("Successfully logged in.");
    return 0;
  }
}

/** A refused login says why (wrong credentials, too many attempts) rather than the generic 401 line. */
export function loginFailure(err: unknown): unknown {
  const e = err as { code?: unknown; detail?: unknown };
  if (typeof e?.code === "number" && e.code >= 400 && e.code < 500 && typeof e.detail === "string") {
    return new CliError(`Login failed: ${e.detail}`, ExitCode.unauthorized);
  }
  return err;
}

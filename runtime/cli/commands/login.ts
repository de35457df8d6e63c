import { Command, Option } from "clipanion";
import { MicroCommand } from "./base.js";
import { Prompter } from "../prompt.js";
import { CliError, ExitCode } from "../errors.js";
import { DEFAULT_NAMESPACE } from "../settings/envs.js";

export class LoginCommand extends MicroCommand {
  static override paths = [["login"]];
  static override usage = Command.Usage({
    category: "Auth",
    description: "Log in to the current environment",
    details: "Asks for the email (account id) and password unless given. Accounts belong to a namespace: login uses the environment's current namespace (the one of your last login or signup; micro before any), unless --namespace names another. A fresh server's admin account is admin with password micro, in namespace micro: after `micro signup` (which switches to your new namespace) log in to it with --namespace micro. The token is kept in ~/.micro/config.json and refreshed automatically.",
    examples: [
      ["Log in, prompting for the credentials", "$0 login"],
      ["Log in to a fresh local server (its admin's default password, from standard input)", "echo micro | $0 login --email admin --password-stdin"],
      ["Log in as the server's admin after a signup, the password from a file", "$0 login --email admin --namespace micro --password-stdin < admin-password.txt"],
    ],
  });

  email = Option.String("--email,--username", { description: "Account id (an email address, or a username such as admin)" });
  password = Option.String("--password", { description: "Password; prompted for (without echo) when omitted. A password here is visible in the process list and shell history: prefer the prompt or --password-stdin" });
  passwordStdin = Option.Boolean("--password-stdin", false, { description: "Read the password from the first line of standard input" });
  namespace = Option.String("--namespace", { description: "Namespace the account belongs to (default: the environment's current one, from your last login or signup; micro before any)" });

  async execute(): Promise<number> {
    const session = this.session();
    const prompter = new Prompter(this.context);
    let id: string, secret: string;
    try {
      id = this.email ?? await prompter.required("Enter email address: ");
      secret = await givenSecret(prompter, { value: this.password, stdin: this.passwordStdin, flag: "--password" })
        ?? await prompter.required("Enter password: ", { hidden: true });
    } finally {
      prompter.close();
    }
    const { exchange, inspect } = await import("../session/tokens.js");
    const namespace = this.namespace ?? session.namespace;
    const tokens = await exchange(session, { id: accountId(id), secret }, namespace).catch((err) => {
      throw loginFailure(err, { namespace, chosen: this.namespace !== undefined });
    });
    const account = await inspect(session, tokens.accessToken, namespace);
    session.saveTokens(tokens, account, account.issuer || namespace);
    this.print("Successfully logged in.");
    return 0;
  }
}

/** The id to log in with: an email address in lowercase (signup stores it so), any other id as typed — ids are
 * case-sensitive, as in Micro 3.0 (`someUsername`). */
export function accountId(typed: string): string {
  const id = typed.trim();
  return id.includes("@") ? id.toLowerCase() : id;
}

/** A secret given with `--flag VALUE` or `--flag-stdin` (the first line of standard input, without echo on a
 * terminal), or undefined when neither was used (then the caller prompts). */
export async function givenSecret(prompter: Prompter, o: { value: string | undefined; stdin: boolean; flag: string; what?: string }): Promise<string | undefined> {
  if (o.value !== undefined && o.stdin) throw new CliError(`use ${o.flag} or ${o.flag}-stdin, not both`);
  if (!o.stdin) return o.value;
  const line = await prompter.ask(prompter.interactive ? `${o.what ?? "Password"}: ` : "", { hidden: true })
    .catch(() => { throw new CliError(`${o.flag}-stdin: no ${(o.what ?? "password").toLowerCase()} on standard input`); });
  if (!line) throw new CliError(`${o.flag}-stdin: the first line of standard input is empty`);
  return line;
}

/** A refused login says why (wrong credentials, too many attempts) rather than the generic 401 line, and in which
 * namespace: the same id and password are refused in any namespace but their own, and after a signup the default
 * is the new tenant's namespace, not micro where the server's admin is. */
export function loginFailure(err: unknown, tried?: { namespace: string; chosen: boolean }): unknown {
  const e = err as { code?: unknown; detail?: unknown };
  if (typeof e?.code === "number" && e.code >= 400 && e.code < 500 && typeof e.detail === "string") {
    if (!tried) return new CliError(`Login failed: ${e.detail}`, ExitCode.unauthorized);
    const where = `in namespace ${tried.namespace}${tried.chosen ? "" : " (the environment's current namespace)"}`;
    const hint = e.code !== 401 ? ""
      : tried.namespace !== DEFAULT_NAMESPACE ? `; the server's admin account is in namespace ${DEFAULT_NAMESPACE}: add --namespace ${DEFAULT_NAMESPACE}`
      : "; for an account of another namespace add --namespace NAME (the one `micro signup` printed)";
    return new CliError(`Login failed: ${e.detail} ${where}${hint}`, ExitCode.unauthorized);
  }
  return err;
}

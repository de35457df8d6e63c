import { Command, Option } from "clipanion";
import { randomBytes } from "node:crypto";
import { MicroCommand } from "./base.js";
import { Prompter } from "../prompt.js";
import { CliError } from "../errors.js";
import { givenSecret, loginFailure } from "./login.js";

export class SignupCommand extends MicroCommand {
  static override paths = [["signup"]];
  static override usage = Command.Usage({
    category: "Auth",
    description: "Create an account in a new namespace of your own, and log in to it",
    details: "The namespace is derived from the email address plus a short random suffix unless --namespace names one. `micro user namespace` prints it afterwards. Passwords have at least 8 characters. A server started with --signup invite asks for an invite code (from its admin: micro auth create invite); one with --signup off takes no signups.",
    examples: [
      ["Sign up, prompting for the details", "$0 signup"],
      ["Sign up without prompts, the password from a file", "$0 signup --email alice@example.com --password-stdin < password.txt"],
      ["Sign up with an invite code", "$0 signup --email alice@example.com --invite CODE"],
    ],
  });

  email = Option.String("--email", { description: "Your email address: the id of the new account" });
  password = Option.String("--password", { description: "Password; prompted for (twice, without echo) when omitted. A password here is visible in the process list and shell history: prefer the prompt or --password-stdin" });
  passwordStdin = Option.Boolean("--password-stdin", false, { description: "Read the password from the first line of standard input" });
  invite = Option.String("--invite", { description: "Invite code, on a server that takes signups by invite only" });
  namespace = Option.String("--namespace", { description: "Name of the new namespace (lowercase letters, digits and dashes)" });

  async execute(): Promise<number> {
    const session = this.session();
    const { email, password } = await this.credentials();
    const [{ createClient }, { Auth }, { exchange, inspect }] = await Promise.all([
      import("../../rpc/client.js"), import("../../gen/auth/auth_pb.js"), import("../session/tokens.js"),
    ]);
    // A derived name may collide with an existing namespace: try a few suffixes before giving up.
    for (let attempt = 0; ; attempt++) {
      const namespace = this.namespace ?? namespaceFor(email);
      const auth = createClient(Auth, await session.anonymousTransport(namespace));
      try {
        await auth.generate({ id: email, secret: password, type: "user", options: { namespace }, metadata: this.invite ? { invite: this.invite } : {} });
      } catch (err) {
        const code = (err as { code?: unknown }).code;
        if (code === 403 && !this.namespace && attempt < 3) continue;
        throw err;
      }
      const tokens = await exchange(session, { id: email, secret: password }, namespace).catch((err) => { throw loginFailure(err); });
      const account = await inspect(session, tokens.accessToken, namespace);
      session.saveTokens(tokens, account, namespace);
      this.print(`Signed up as ${email} in namespace ${namespace}.`);
      return 0;
    }
  }

  private async credentials(): Promise<{ email: string; password: string }> {
    const prompter = new Prompter(this.context);
    try {
      const email = (this.email ?? await prompter.required("Enter email address: ")).trim().toLowerCase();
      if (!/^[^\s@]+@[^\s@]+$/.test(email) && !this.namespace) throw new CliError(`"${email}" is not an email address`);
      let password = await givenSecret(prompter, { value: this.password, stdin: this.passwordStdin, flag: "--password" });
      if (password === undefined) {
        password = await prompter.required("Choose a password: ", { hidden: true });
        if (prompter.interactive && await prompter.ask("Confirm password: ", { hidden: true }) !== password) {
          throw new CliError("the passwords do not match");
        }
      }
      if (!password) throw new CliError("a password is required");
      return { email, password };
    } finally {
      prompter.close();
    }
  }
}

/** "Alice.Smith@example.com" → "alice-smith-k3x9q2": one DNS label, as namespaces become host names. */
export function namespaceFor(email: string): string {
  const base = email.split("@")[0].toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 40) || "user";
  const suffix = BigInt("0x" + randomBytes(5).toString("hex")).toString(36).padStart(6, "0").slice(-6);
  return `${base}-${suffix}`;
}

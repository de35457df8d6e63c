import { Command, Option } from "clipanion";
import { MicroCommand } from "../base.js";

export class AuthCreateInviteCommand extends MicroCommand {
  static override paths = [["auth", "create", "invite"]];
  static override usage = Command.Usage({
    category: "Auth",
    description: "Create an invite code for one signup (needs the admin scope in namespace micro); prints it once",
    details: "On a server started with --signup invite (the default when it listens beyond loopback), `micro signup` needs a code. A code signs up one namespace, within 7 days; given an email, only that email may use it.",
    examples: [
      ["An invite for anyone", "$0 auth create invite"],
      ["An invite only alice@example.com can use", "$0 auth create invite alice@example.com"],
    ],
  });

  email = Option.String({ name: "email", required: false });

  async execute(): Promise<number> {
    const { Auth } = await import("../../../gen/auth/auth_pb.js");
    const client = await this.session().client(Auth);
    const email = (this.email ?? "").trim().toLowerCase();
    const { account } = await client.generate({ id: email, type: "invite", options: { namespace: "micro" } });
    const until = account?.metadata.expires ? ` (valid until ${account.metadata.expires}${email ? `, for ${email}` : ""})` : "";
    this.print(`Invite code: ${account?.secret ?? ""}${until}`);
    this.print(`Sign up with: micro signup --email ${email || "EMAIL"} --invite ${account?.secret ?? "CODE"}`);
    return 0;
  }
}

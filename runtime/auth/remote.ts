// The auth interface over gRPC, for the service framework and the CLI: log in with an id and secret, refresh,
// inspect, and the admin calls. The namespace travels in the transport's micro-namespace metadata unless a call
// names another one; the server decides what the caller may do.
import { Accounts as AccountsService, Auth as AuthService, Rules as RulesService } from "../gen/auth/auth_pb.js";
import { createClient } from "../rpc/client.js";
import type { CallOptions, Transport } from "../rpc/types.js";
import { accountFromProto, ruleFromProto, ruleToProto, tokenFromProto } from "./convert.js";
import type {
  Account, Auth, ChangeSecretOptions, GenerateOptions, GeneratedAccount, NamespaceOptions, Rule, Token, TokenRequest,
} from "./types.js";

const options = (o: NamespaceOptions | undefined) => (o?.namespace ? { namespace: o.namespace } : undefined);

export class RemoteAuth implements Auth {
  private readonly auth;
  private readonly accounts;
  private readonly rules;

  constructor(transport: Transport, private readonly call: CallOptions = {}) {
    this.auth = createClient(AuthService, transport);
    this.accounts = createClient(AccountsService, transport);
    this.rules = createClient(RulesService, transport);
  }

  /** Auth.Token with an account id and secret. */
  login(id: string, secret: string, o: NamespaceOptions & { expirySeconds?: number } = {}): Promise<Token> {
    return this.token({ id, secret, ...o });
  }

  /** Auth.Token with a refresh token; the old refresh token stops working. */
  refresh(refreshToken: string, o: { expirySeconds?: number } = {}): Promise<Token> {
    return this.token({ refreshToken, ...o });
  }

  /** Auth.Generate without an account, for a namespace that does not exist yet: it becomes the namespace's admin. */
  signup(namespace: string, id: string, secret: string, extra: Pick<GenerateOptions, "name" | "metadata"> = {}): Promise<GeneratedAccount> {
    return this.generate({ ...extra, id, secret, namespace });
  }

  async token(request: TokenRequest): Promise<Token> {
    const res = await this.auth.token({
      id: request.id ?? "", secret: request.secret ?? "", refreshToken: request.refreshToken ?? "",
      tokenExpiry: BigInt(request.expirySeconds ?? 0), options: options(request),
    }, this.call);
    return tokenFromProto(res.token);
  }

  async inspect(token: string): Promise<Account> {
    return accountFromProto((await this.auth.inspect({ token }, this.call)).account);
  }

  async generate(o: GenerateOptions): Promise<GeneratedAccount> {
    const res = await this.auth.generate({
      id: o.id, secret: o.secret ?? "", type: o.type ?? "", scopes: o.scopes ?? [], metadata: o.metadata ?? {}, name: o.name ?? "",
      options: options(o),
    }, this.call);
    return { ...accountFromProto(res.account), secret: res.account?.secret ?? "" };
  }

  async listAccounts(o?: NamespaceOptions): Promise<Account[]> {
    return (await this.accounts.list({ options: options(o) }, this.call)).accounts.map(accountFromProto);
  }

  async deleteAccount(id: string, o?: NamespaceOptions): Promise<void> {
    await this.accounts.delete({ id, options: options(o) }, this.call);
  }

  async changeSecret(id: string, newSecret: string, o: ChangeSecretOptions = {}): Promise<void> {
    await this.accounts.changeSecret({ id, newSecret, oldSecret: o.oldSecret ?? "", options: options(o) }, this.call);
  }

  async createRule(rule: Rule, o?: NamespaceOptions): Promise<void> {
    await this.rules.create({ rule: ruleToProto(rule), options: options(o) }, this.call);
  }

  async deleteRule(id: string, o?: NamespaceOptions): Promise<void> {
    await this.rules.delete({ id, options: options(o) }, this.call);
  }

  async listRules(o?: NamespaceOptions): Promise<Rule[]> {
    return (await this.rules.list({ options: options(o) }, this.call)).rules.map(ruleFromProto);
  }
}

// The auth primitive: accounts (users and services) with hashed secrets, signed short-lived access tokens with
// rotating refresh tokens, and rules that grant or deny scopes on resources. Shapes mirror proto/auth so handlers
// pass them through, but callers need no protobuf types.

export type AccountType = "user" | "service";

/** An identity, as everyone may see it: never carries the secret or its hash. */
export interface Account {
  id: string;
  type: string;
  /** The namespace that issued the account. */
  issuer: string;
  scopes: string[];
  metadata: Record<string, string>;
  name: string;
}

/** What Generate answers: the account plus its secret in clear, shown this once. */
export interface GeneratedAccount extends Account {
  secret: string;
}

export interface Token {
  accessToken: string;
  refreshToken: string;
  /** Unix seconds. */
  created: number;
  /** Unix seconds when the access token expires. */
  expiry: number;
}

export type Access = "granted" | "denied";

export interface Resource {
  /** e.g. "service"; "*" matches any. */
  type: string;
  /** e.g. a service name; "*" matches any. */
  name: string;
  /** e.g. "Helloworld.Call"; "*" matches any, "Helloworld.*" a prefix. */
  endpoint: string;
}

export interface Rule {
  id: string;
  /** "" public, "*" any account of the namespace, "+" any account of any namespace, else a scope. */
  scope: string;
  resource: Resource;
  access: Access;
  /** Higher first; the first matching rule decides. */
  priority: number;
}

export interface NamespaceOptions {
  /** Defaults to the caller's namespace (remote) or "micro" (embedded). */
  namespace?: string;
}

export interface GenerateOptions extends NamespaceOptions {
  id: string;
  /** Generated (and returned once) when empty. */
  secret?: string;
  type?: string;
  scopes?: string[];
  metadata?: Record<string, string>;
  name?: string;
}

export type TokenRequest = (
  | { id: string; secret: string; refreshToken?: undefined }
  | { refreshToken: string; id?: undefined; secret?: undefined }
) & NamespaceOptions & {
  /** Ask for a shorter-lived access token than the server's default, in seconds. */
  expirySeconds?: number;
};

export interface ChangeSecretOptions extends NamespaceOptions {
  /** Required unless the caller administers the namespace. */
  oldSecret?: string;
}

/** The calls a client of the auth service makes; the same over gRPC (remote.ts) and in process (embedded.ts). */
export interface Auth {
  generate(options: GenerateOptions): Promise<GeneratedAccount>;
  /** The account an access token belongs to; 401 when the token is invalid, expired or its account is gone. */
  inspect(token: string): Promise<Account>;
  token(request: TokenRequest): Promise<Token>;
  listAccounts(options?: NamespaceOptions): Promise<Account[]>;
  deleteAccount(id: string, options?: NamespaceOptions): Promise<void>;
  changeSecret(id: string, newSecret: string, options?: ChangeSecretOptions): Promise<void>;
  createRule(rule: Rule, options?: NamespaceOptions): Promise<void>;
  deleteRule(id: string, options?: NamespaceOptions): Promise<void>;
  listRules(options?: NamespaceOptions): Promise<Rule[]>;
}

/** The namespace holding the builtin services and the platform admins. */
export const DEFAULT_NAMESPACE = "micro";
export const DEFAULT_ACCOUNT = { id: "admin", secret: "micro", scopes: ["admin"] } as const;
/** Id of the rule every namespace gets: its own services public (see policy.ts for what it never opens). */
export const DEFAULT_RULE_ID = "default";
export const ADMIN_SCOPE = "admin";
export const SERVICE_SCOPE = "service";

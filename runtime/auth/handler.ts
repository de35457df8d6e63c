// auth.Auth, auth.Accounts and auth.Rules over gRPC, in front of the embedded engine. The namespace defaults to
// the caller's (ctx.namespace); who may act on it is asked of policy.ts, so these checks hold even on a server
// without the auth middleware (no account → nothing but login, inspect and signup).
import { Accounts as AccountsService, Auth as AuthService, Rules as RulesService } from "../gen/auth/auth_pb.js";
import { BadRequest, Forbidden, Unauthorized } from "../rpc/errors.js";
import type { HandlerContext, ServiceImpl } from "../rpc/types.js";
import { accountToProto, ruleFromProto, ruleToProto, tokenToProto } from "./convert.js";
import type { AttemptInfo } from "./embedded.js";
import { changeSecretAuthority, generateAuthority, isNamespaceAdmin, isPlatformAdmin, meets } from "./policy.js";
import { PEER_HEADER } from "./ratelimit.js";
import { DEFAULT_NAMESPACE, type Auth, type ChangeSecretOptions, type GenerateOptions, type GeneratedAccount, type Token, type TokenRequest } from "./types.js";

/** Generate with this type creates an invite code rather than an account (platform admins only). */
export const INVITE_TYPE = "invite";
/** The metadata key a signup's invite code travels in (taken out before the account is stored). */
export const INVITE_METADATA = "invite";

/** What the handlers need: the Auth calls plus signup, invites and per-attempt facts (EmbeddedAuth). */
export interface AuthBackend extends Auth {
  signup(options: GenerateOptions, info?: AttemptInfo, invite?: string): Promise<GeneratedAccount>;
  createInvite(forId: string, by: string): Promise<{ code: string; expires: number }>;
  token(request: TokenRequest, info?: AttemptInfo): Promise<Token>;
  changeSecret(id: string, newSecret: string, options?: ChangeSecretOptions, info?: AttemptInfo): Promise<void>;
}

function namespaceFor(ctx: HandlerContext, options: { namespace: string } | undefined): string {
  return options?.namespace || ctx.namespace;
}

/** 401 without an account, 403 with one that is not an admin of the namespace. */
function requireAdmin(ctx: HandlerContext, namespace: string): void {
  if (!ctx.account) throw Unauthorized("auth", "authentication required");
  if (!isNamespaceAdmin(ctx.account, namespace)) throw Forbidden("auth", `this requires the admin scope in namespace ${namespace}`);
}

export function authHandler(auth: AuthBackend): ServiceImpl<typeof AuthService> {
  return {
    async generate(req, ctx) {
      if (req.type === INVITE_TYPE) {
        if (!ctx.account) throw Unauthorized("auth", "authentication required");
        if (!isPlatformAdmin(ctx.account)) throw Forbidden("auth", `invite codes are created by the server's admins (scope admin in namespace ${DEFAULT_NAMESPACE})`);
        const invite = await auth.createInvite(req.id, ctx.account.id);
        return { account: accountToProto({
          id: req.id, type: INVITE_TYPE, issuer: DEFAULT_NAMESPACE, scopes: [], name: "",
          metadata: { expires: new Date(invite.expires).toISOString() },
        }, invite.code) };
      }
      const namespace = namespaceFor(ctx, req.options);
      const { [INVITE_METADATA]: invite, ...metadata } = req.metadata;
      const request: GenerateOptions = {
        namespace, id: req.id, secret: req.secret, type: req.type, scopes: req.scopes, metadata, name: req.name,
      };
      if (generateAuthority(ctx.account, namespace) === "admin") return { account: generated(await auth.generate(request)) };
      if (ctx.account?.issuer === namespace) throw Forbidden("auth", `creating accounts in namespace ${namespace} requires the admin scope`);
      return { account: generated(await auth.signup(request, attempt(ctx), invite)) };
    },
    async inspect(req) {
      const account = await auth.inspect(req.token);
      return { account: accountToProto(account) };
    },
    async token(req, ctx) {
      const common = { namespace: namespaceFor(ctx, req.options), expirySeconds: Number(req.tokenExpiry) };
      const request: TokenRequest = req.refreshToken
        ? { ...common, refreshToken: req.refreshToken }
        : { ...common, id: req.id, secret: req.secret };
      return { token: tokenToProto(await auth.token(request, attempt(ctx))) };
    },
  };
}

/** What the transport knows about a login attempt: the client's address, as the front door recorded it. */
function attempt(ctx: HandlerContext): AttemptInfo {
  const peer = ctx.metadata[PEER_HEADER];
  return typeof peer === "string" && peer ? { peer } : {};
}

function generated(a: GeneratedAccount) {
  return accountToProto(a, a.secret);
}

export function accountsHandler(auth: AuthBackend): ServiceImpl<typeof AccountsService> {
  return {
    async list(req, ctx) {
      const namespace = namespaceFor(ctx, req.options);
      requireAdmin(ctx, namespace);
      return { accounts: (await auth.listAccounts({ namespace })).map((a) => accountToProto(a)) };
    },
    async delete(req, ctx) {
      const namespace = namespaceFor(ctx, req.options);
      requireAdmin(ctx, namespace);
      await auth.deleteAccount(req.id, { namespace });
      return {};
    },
    async changeSecret(req, ctx) {
      const namespace = namespaceFor(ctx, req.options);
      switch (changeSecretAuthority(ctx.account, namespace, req.id)) {
        case "admin":
          await auth.changeSecret(req.id, req.newSecret, { namespace }, attempt(ctx));
          return {};
        case "self":
          if (!req.oldSecret) throw BadRequest("auth", "old_secret is required");
          await auth.changeSecret(req.id, req.newSecret, { namespace, oldSecret: req.oldSecret }, attempt(ctx));
          return {};
        case "none":
          if (!ctx.account) throw Unauthorized("auth", "authentication required");
          throw Forbidden("auth", "only an admin may change another account's secret");
      }
    },
  };
}

export { RULES_CHANGED_TOPIC } from "./rules.js";

export interface RulesHandlerOptions {
  /** Called after a rule of `namespace` was created or deleted (the server publishes RULES_CHANGED_TOPIC). */
  onChange?: (namespace: string) => Promise<void> | void;
}

export function rulesHandler(auth: AuthBackend, options: RulesHandlerOptions = {}): ServiceImpl<typeof RulesService> {
  // the change is made: a failed announcement leaves caches to expire on their own (5 s) rather than failing the call
  const changed = async (namespace: string) => { try { await options.onChange?.(namespace); } catch { /* see above */ } };
  return {
    async create(req, ctx) {
      const namespace = namespaceFor(ctx, req.options);
      requireAdmin(ctx, namespace);
      await auth.createRule(ruleFromProto(req.rule), { namespace });
      await changed(namespace);
      return {};
    },
    async delete(req, ctx) {
      const namespace = namespaceFor(ctx, req.options);
      requireAdmin(ctx, namespace);
      await auth.deleteRule(req.id, { namespace });
      await changed(namespace);
      return {};
    },
    async list(req, ctx) {
      const namespace = namespaceFor(ctx, req.options);
      // the namespace's services read them too, to judge their callers
      if (!meets("service", ctx.account, namespace)) requireAdmin(ctx, namespace);
      return { rules: (await auth.listRules({ namespace })).map(ruleToProto) };
    },
  };
}

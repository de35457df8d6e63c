export type {
  Access, Account, AccountType, Auth, ChangeSecretOptions, GenerateOptions, GeneratedAccount, NamespaceOptions, Resource, Rule,
  Token, TokenRequest,
} from "./types.js";
export { ADMIN_SCOPE, DEFAULT_ACCOUNT, DEFAULT_NAMESPACE, DEFAULT_RULE_ID, SERVICE_SCOPE } from "./types.js";
export { EmbeddedAuth, type EmbeddedAuthOptions, type AttemptInfo } from "./embedded.js";
export { RemoteAuth } from "./remote.js";
export {
  authHandler, accountsHandler, rulesHandler, INVITE_METADATA, INVITE_TYPE, RULES_CHANGED_TOPIC, type AuthBackend,
  type RulesHandlerOptions,
} from "./handler.js";
export { authMiddleware } from "./middleware.js";
export {
  admit, admitAtFrontDoor, authenticate, authorizeCall, resolveNamespace, tokenFrom, type Admission, type AdmitRequest, type Forwarding, type FrontDoorSource, type Caller, type GuardSource,
  type Headers,
} from "./guard.js";
export {
  BUILTIN_SERVICES, changeSecretAuthority, decideAccess, generateAuthority, isBuiltinService, isMember, isNamespaceAdmin,
  isPlatformAdmin, needsRules, requirementFor, type AccessQuery, type Decision, type Requirement,
} from "./policy.js";
export { authorize, defaultRule, matchesResource, wildcardMatch, SCOPE_ACCOUNT, SCOPE_ANY_NAMESPACE, SCOPE_PUBLIC } from "./rules.js";
export { ACCOUNT_SLOWDOWN, FailureLimiter, FailureSlowdown, type LimiterOptions, type SlowdownOptions } from "./ratelimit.js";
export { WorkGate, type GateOptions } from "./gate.js";
export {
  MIN_PASSWORD_LENGTH, SIGNUP_MODES, SignupLimits, parseSignupMode, signupLimitsFromEnv, type SignupMode, type SignupOptions,
} from "./signup.js";
export { TOKEN_ALGORITHM, loadOrCreateKeys, privateKeyPath, type SigningKeys } from "./keys.js";
export { MAX_SECRET_BYTES, checkNamespace, isValidNamespace } from "./validate.js";
export { CALL_TOKEN_SECONDS, CallTokens } from "./call-tokens.js";
export { CALL_TOKEN_TYPE, signAccessToken, verifyAccessToken, type AccessClaims } from "./tokens.js";
export { JWKS_METADATA, jwksOf, parseJwks, type JwkSet } from "./jwks.js";

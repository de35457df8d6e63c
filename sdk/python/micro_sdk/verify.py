"""Admits the calls a Python service receives as the TypeScript framework does (runtime/service/verify.ts): a
call needs an access token the platform signed (Ed25519, checked here with PyJWT against the keys the auth
service publishes in its registry entry, by kid, refetched on an unknown kid at most every five seconds),
and the namespace's rules, read with the service's own account, decide as at the front doors. The call runs in
the service's namespace whatever its micro-namespace header says; the front door's call token of an anonymous
call (type "public") is good for this service of this namespace, and its public endpoints, only.

    server = grpc.server(executor, interceptors=[Verifier("helloworld", namespace)])
    ...
    account_from(context)  # in a handler: the verified caller, or None for an anonymous call
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, List, Optional, Sequence

import grpc
import jwt

from ._client import Client
from .auth import RulesClient, auth_pb2
from .registry import RegistryClient, registry_pb2

ADMIN_NAMESPACE = "micro"
CALL_TOKEN_TYPE = "public"
JWKS_METADATA = "jwks"
MAX_TOKEN_LENGTH = 8192
_STATUS = {401: (grpc.StatusCode.UNAUTHENTICATED, "Unauthorized"), 403: (grpc.StatusCode.PERMISSION_DENIED, "Forbidden"),
           503: (grpc.StatusCode.UNAVAILABLE, "Service Unavailable")}


@dataclass
class Account:
    """The caller a token proves."""

    id: str
    type: str
    issuer: str
    name: str = ""
    scopes: List[str] = field(default_factory=list)


class Refused(Exception):
    def __init__(self, code: int, detail: str) -> None:
        super().__init__(detail)
        self.code = code
        self.detail = detail

    def envelope(self) -> str:
        return json.dumps({"id": "auth", "code": self.code, "detail": self.detail, "status": _STATUS[self.code][1]})


def account_from(context: grpc.ServicerContext) -> Optional[Account]:
    """The verified caller of the call `context` belongs to; None for an anonymous call the front door admitted."""
    return getattr(context, "micro_account", None)


def _wildcard(pattern: str, value: str) -> bool:
    """runtime/auth/rules.ts's wildcardMatch: "*" alone matches anything, elsewhere any run; case-insensitive."""
    if pattern == "*":
        return True
    p, v = pattern.lower(), value.lower()
    if "*" not in p:
        return p == v
    parts = p.split("*")
    if not v.startswith(parts[0]):
        return False
    at = len(parts[0])
    for part in parts[1:-1]:
        found = v.find(part, at)
        if found < 0:
            return False
        at = found + len(part)
    return len(v) - at >= len(parts[-1]) and v.endswith(parts[-1])


def _endpoint(method: str) -> str:
    """"/pkg.Service/Method" → "Service.Method"."""
    path = method.lstrip("/").split("/")
    if len(path) != 2:
        return method
    return f"{path[0].rsplit('.', 1)[-1]}.{path[1]}"


class Verifier(grpc.ServerInterceptor):
    """A grpc server interceptor admitting each call; `client` must carry the service's credentials."""

    def __init__(self, service: str, namespace: str, client: Optional[Client] = None, *, rules_ttl: float = 5.0,
                 min_refetch: float = 5.0, keys: Optional[Callable[[], Sequence[Dict[str, Any]]]] = None,
                 rules: Optional[Callable[[], Sequence[Any]]] = None) -> None:
        self.service = service
        self.namespace = namespace
        self.rules_ttl = rules_ttl
        self.min_refetch = min_refetch
        self._lock = threading.Lock()
        self._keys: Dict[str, Any] = {}  # kid → the key PyJWT verifies with (cryptography's Ed25519PublicKey)
        self._newest: Optional[Any] = None
        self._keys_at: Optional[float] = None
        self._rules: Optional[Sequence[Any]] = None
        self._rules_at = 0.0
        if keys is None or rules is None:
            c = client or Client(namespace=namespace)
            registry, rules_client = RegistryClient(c), RulesClient(c)
        self._fetch_keys = keys or (lambda: json.loads(registry.get_service(
            registry_pb2.GetRequest(service="auth", options=registry_pb2.Options(domain=ADMIN_NAMESPACE)), timeout=5,
        ).services[0].metadata[JWKS_METADATA])["keys"])
        self._fetch_rules = rules or (lambda: list(rules_client.list(
            auth_pb2.ListRequest(options=auth_pb2.Options(namespace=namespace)), timeout=5).rules))

    # grpc.ServerInterceptor
    def intercept_service(self, continuation: Callable[[Any], Any], details: Any) -> Any:
        handler = continuation(details)
        if handler is None:
            return None
        method = details.method

        def guard(behavior: Callable[..., Any]) -> Callable[..., Any]:
            def admitted(request: Any, context: grpc.ServicerContext) -> Any:
                try:
                    account = self.admit(dict(context.invocation_metadata()), method)
                except Refused as refusal:
                    context.abort(_STATUS[refusal.code][0], refusal.envelope())
                setattr(context, "micro_account", account)
                return behavior(request, context)
            return admitted

        kinds = [("unary_unary", grpc.unary_unary_rpc_method_handler), ("unary_stream", grpc.unary_stream_rpc_method_handler),
                 ("stream_unary", grpc.stream_unary_rpc_method_handler), ("stream_stream", grpc.stream_stream_rpc_method_handler)]
        for attr, make in kinds:
            behavior = getattr(handler, attr)
            if behavior is not None:
                return make(guard(behavior), request_deserializer=handler.request_deserializer,
                            response_serializer=handler.response_serializer)
        return handler

    def admit(self, metadata: Dict[str, str], method: str) -> Optional[Account]:
        """The account the call's token proves (None for a call token), or raises Refused (401/403/503)."""
        token = self._token(metadata)
        if token is None:
            raise Refused(401, "authentication required: this service admits only calls with a token the platform issued")
        claims = self._verify(token)
        if claims is None:
            raise Refused(401, "invalid or expired token")
        account: Optional[Account] = None
        if claims["type"] == CALL_TOKEN_TYPE:
            if claims.get("aud") != self.service or claims["iss"] != self.namespace:
                raise Refused(401, "invalid or expired token")
        else:
            account = Account(id=claims["sub"], type=claims["type"], issuer=claims["iss"], name=claims.get("name") or "",
                              scopes=list(claims["scopes"]))
        endpoint = _endpoint(method)
        rules, fetched_at = self._current_rules(False)
        allowed = self._decide(rules, account, endpoint)
        # a refusal on rules a second old is re-decided with fresh ones (a rule just added takes effect at once)
        if not allowed and time.monotonic() - fetched_at > 1:
            allowed = self._decide(self._current_rules(True)[0], account, endpoint)
        if not allowed:
            if account is None:
                raise Refused(401, "authentication required")
            raise Refused(403, f"access to {self.service} {endpoint} in namespace {self.namespace} denied")
        return account

    @staticmethod
    def _token(metadata: Dict[str, str]) -> Optional[str]:
        auth = metadata.get("authorization")
        if auth is not None:
            parts = auth.split()
            return parts[1] if len(parts) == 2 and parts[0].lower() == "bearer" else None
        return metadata.get("micro-token") or None

    def _verify(self, token: str) -> Optional[Dict[str, Any]]:
        """PyJWT checks the token as jose does in the TypeScript verifier: the algorithm pinned to EdDSA (alg none,
        or an HMAC "signed" with the public key, never pass), the key the kid names, exp/iat/sub/iss present and
        exp in the future; then the claims PyJWT does not know about. The audience is checked here, not by PyJWT:
        only call tokens have one, and PyJWT cannot take "absent, or this service" in one decode."""
        if not token or len(token) > MAX_TOKEN_LENGTH:
            return None
        try:
            key = self._key(jwt.get_unverified_header(token).get("kid"))
            if key is None:
                return None
            claims = jwt.decode(token, key, algorithms=["EdDSA"], options={
                "require": ["sub", "iss", "exp", "iat"], "verify_aud": False,
                "verify_iat": False,  # as jose: an iat ahead of this host's clock is no reason to refuse
            })
        except jwt.PyJWTError:
            return None
        for name in ("sub", "iss", "type"):
            if not isinstance(claims.get(name), str) or not claims[name]:
                return None
        scopes = claims.get("scopes")
        if not isinstance(scopes, list) or not all(isinstance(s, str) for s in scopes):
            return None
        if not isinstance(claims.get("iat"), (int, float)) or "aud" in claims and not isinstance(claims["aud"], str):
            return None
        # a call token has an audience and nothing else does: one kind is never taken for the other
        if (claims["type"] == CALL_TOKEN_TYPE) != ("aud" in claims):
            return None
        return claims

    def _key(self, kid: Optional[str]) -> Optional[Any]:
        with self._lock:
            def pick() -> Optional[Any]:
                return self._newest if kid is None else self._keys.get(kid)
            key = pick()
            if key is not None:
                return key
            if self._keys_at is not None and time.monotonic() - self._keys_at < self.min_refetch:
                return None
            self._keys_at = time.monotonic()
            try:
                published = self._fetch_keys()
            except Exception as err:  # auth unreachable: say so rather than call the token invalid
                raise Refused(503, f"cannot fetch the platform's verification keys: {err}") from None
            keys: Dict[str, Any] = {}
            newest: Optional[Any] = None
            for jwk in published:
                if jwk.get("kty") != "OKP" or jwk.get("crv") != "Ed25519" or not jwk.get("kid"):
                    continue
                try:
                    k = jwt.PyJWK(jwk, algorithm="EdDSA").key
                except jwt.PyJWTError:
                    continue  # a malformed key is skipped, as the Go and TypeScript verifiers do
                keys[jwk["kid"]] = k
                newest = newest or k
            self._keys, self._newest = keys, newest
            return pick()

    def _current_rules(self, force: bool) -> "tuple[Sequence[Any], float]":
        with self._lock:
            if self._rules is not None and not force and time.monotonic() - self._rules_at < self.rules_ttl:
                return self._rules, self._rules_at
            try:
                self._rules = self._fetch_rules()
            except Exception as err:
                raise Refused(503, f"cannot read the namespace's rules: {err}") from None
            self._rules_at = time.monotonic()
            return self._rules, self._rules_at

    def _decide(self, rules: Sequence[Any], account: Optional[Account], endpoint: str) -> bool:
        """runtime/auth/policy.ts for the namespace's own services: platform admins count as members, another
        namespace's account as a stranger (public and "+" rules only); the first matching rule by priority decides."""
        member = False
        if account is not None:
            admin = account.issuer == ADMIN_NAMESPACE and ("admin" in account.scopes or "service" in account.scopes)
            member = account.issuer == self.namespace or admin
        matching = [r for r in rules if _wildcard(r.resource.type, "service") and _wildcard(r.resource.name, self.service)
                    and _wildcard(r.resource.endpoint, endpoint)]
        matching.sort(key=lambda r: -r.priority)  # stable: equal priorities keep their order
        for rule in matching:
            scope = rule.scope
            applies = scope == "" or (account is not None and (scope == "+" or (member and (scope == "*" or scope in account.scopes))))
            if applies:
                return rule.access == auth_pb2.GRANTED
        return False

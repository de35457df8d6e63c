"""micro_sdk.verify without a server: keys and rules given directly, every kind of credential tried."""

import base64
import hashlib
import hmac
import json
import time

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from micro_sdk.auth import auth_pb2
from micro_sdk.verify import Refused, Verifier


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


# Tokens are put together by hand, not with PyJWT, so that the forgeries below are possible and the verifier is
# not checked against the library it uses.
def sign(key: Ed25519PrivateKey, claims: dict, kid: "str | None" = "k1") -> str:
    header = {"alg": "EdDSA", "typ": "JWT", **({"kid": kid} if kid is not None else {})}
    head = b64(json.dumps(header).encode()) + "." + b64(json.dumps(claims).encode())
    return head + "." + b64(key.sign(head.encode()))


def forge(alg: str, claims: dict) -> str:
    """alg "none": no signature; "HS256": an HMAC keyed with the public key, which anyone can read."""
    head = b64(json.dumps({"alg": alg, "typ": "JWT", "kid": "k1"}).encode()) + "." + b64(json.dumps(claims).encode())
    if alg == "none":
        return head + "."
    return head + "." + b64(hmac.new(PUBLIC, head.encode(), hashlib.sha256).digest())


def without(claims: dict, name: str) -> dict:
    return {k: v for k, v in claims.items() if k != name}


def account(iss: str, sub: str, *scopes: str, **extra) -> dict:
    now = int(time.time())
    return {"sub": sub, "iss": iss, "type": "user", "scopes": list(scopes), "name": "", "uid": "u", "iat": now, "exp": now + 60, **extra}


KEY = Ed25519PrivateKey.generate()
OTHER = Ed25519PrivateKey.generate()
PUBLIC = KEY.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
JWK = {"kty": "OKP", "crv": "Ed25519", "kid": "k1", "alg": "EdDSA", "x": b64(PUBLIC)}


def rule(rid: str, scope: str, endpoint: str, priority: int):
    return auth_pb2.Rule(id=rid, scope=scope, resource=auth_pb2.Resource(type="service", name="notes", endpoint=endpoint),
                         access=auth_pb2.GRANTED, priority=priority)


def verifier() -> Verifier:
    # notes in namespace alpha: Notes.Hello public, the rest members only
    return Verifier("notes", "alpha", keys=lambda: [JWK], rules=lambda: [rule("hello", "", "Notes.Hello", 20), rule("members", "*", "*", 10)])


def code(md: dict, method: str):
    try:
        verifier().admit(md, method)
        return 0
    except Refused as r:
        return r.code


def bearer(token: str) -> dict:
    return {"authorization": f"Bearer {token}"}


def call_token(aud: str, iss: str) -> str:
    return sign(KEY, account(iss, "public", type="public", aud=aud))


@pytest.mark.parametrize("name,md,method,want", [
    ("no token", {}, "/notes.Notes/Hello", 401),
    ("namespace header only", {"micro-namespace": "alpha"}, "/notes.Notes/Hello", 401),
    ("another key", bearer(sign(OTHER, account("alpha", "ann"))), "/notes.Notes/Secret", 401),
    ("expired", bearer(sign(KEY, account("alpha", "ann", exp=int(time.time()) - 10))), "/notes.Notes/Secret", 401),
    ("member", bearer(sign(KEY, account("alpha", "ann"))), "/notes.Notes/Secret", 0),
    ("stranger, private", bearer(sign(KEY, account("beta", "bob", "admin"))), "/notes.Notes/Secret", 403),
    ("stranger, public", bearer(sign(KEY, account("beta", "bob"))), "/notes.Notes/Hello", 0),
    ("platform admin", bearer(sign(KEY, account("micro", "admin", "admin"))), "/notes.Notes/Secret", 0),
    ("call token, public", bearer(call_token("notes", "alpha")), "/notes.Notes/Hello", 0),
    ("call token, private", bearer(call_token("notes", "alpha")), "/notes.Notes/Secret", 401),
    ("call token of another service", bearer(call_token("other", "alpha")), "/notes.Notes/Hello", 401),
    ("call token of another namespace", bearer(call_token("notes", "beta")), "/notes.Notes/Hello", 401),
    ("an account token claiming an audience", bearer(sign(KEY, account("alpha", "ann", aud="notes"))), "/notes.Notes/Secret", 401),
    ("alg none", bearer(forge("none", account("alpha", "ann"))), "/notes.Notes/Secret", 401),
    ("HS256 keyed with the public key", bearer(forge("HS256", account("alpha", "ann"))), "/notes.Notes/Secret", 401),
    ("unknown kid", bearer(sign(KEY, account("alpha", "ann"), kid="k9")), "/notes.Notes/Secret", 401),
    ("no kid: the newest key", bearer(sign(KEY, account("alpha", "ann"), kid=None)), "/notes.Notes/Secret", 0),
    ("no exp", bearer(sign(KEY, without(account("alpha", "ann"), "exp"))), "/notes.Notes/Secret", 401),
    ("no iat", bearer(sign(KEY, without(account("alpha", "ann"), "iat"))), "/notes.Notes/Secret", 401),
    ("no sub", bearer(sign(KEY, without(account("alpha", "ann"), "sub"))), "/notes.Notes/Secret", 401),
    ("no scopes", bearer(sign(KEY, without(account("alpha", "ann"), "scopes"))), "/notes.Notes/Secret", 401),
    ("a call token without an audience", bearer(sign(KEY, account("alpha", "public", type="public"))), "/notes.Notes/Hello", 401),
    ("a call token with a list audience", bearer(sign(KEY, account("alpha", "public", type="public", aud=["notes"]))), "/notes.Notes/Hello", 401),
    ("micro-token header", {"micro-token": sign(KEY, account("alpha", "ann"))}, "/notes.Notes/Secret", 0),
    ("not a JWT", bearer("not.a.jwt"), "/notes.Notes/Secret", 401),
])
def test_admission(name, md, method, want):
    assert code(md, method) == want, name


def test_account_from_the_token():
    a = verifier().admit(bearer(sign(KEY, account("alpha", "ann", "reader"))), "/notes.Notes/Secret")
    assert (a.id, a.issuer, a.scopes) == ("ann", "alpha", ["reader"])


def test_unknown_kids_refetch_at_most_once_per_interval():
    fetches = []
    v = Verifier("notes", "alpha", keys=lambda: fetches.append(1) or [JWK], rules=lambda: [rule("members", "*", "*", 10)], min_refetch=3600)
    v.admit(bearer(sign(KEY, account("alpha", "ann"))), "/notes.Notes/Secret")
    for i in range(10):
        with pytest.raises(Refused):
            v.admit(bearer(sign(OTHER, account("alpha", "ann"), kid=f"made-up-{i}")), "/notes.Notes/Secret")
    assert len(fetches) == 1


def test_a_malformed_published_key_is_skipped():
    bad = {"kty": "OKP", "crv": "Ed25519", "kid": "bad", "x": "not-a-key"}
    v = Verifier("notes", "alpha", keys=lambda: [bad, JWK], rules=lambda: [rule("members", "*", "*", 10)])
    assert v.admit(bearer(sign(KEY, account("alpha", "ann"))), "/notes.Notes/Secret").id == "ann"

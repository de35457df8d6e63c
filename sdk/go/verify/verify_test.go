package verify

import (
	"context"
	"crypto/ed25519"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"testing"
	"time"

	"github.com/micro-ts/micro-ts/sdk/go/auth"
	"github.com/micro-ts/micro-ts/sdk/go/micro"
	"google.golang.org/grpc/metadata"
)

// The tokens are put together by hand, not with golang-jwt, so that the forgeries below are possible and the
// verifier is not checked against the library it uses.
func encode(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

func sign(t *testing.T, key ed25519.PrivateKey, kid string, claims map[string]any) string {
	t.Helper()
	head := encode(t, map[string]string{"alg": "EdDSA", "typ": "JWT", "kid": kid}) + "." + encode(t, claims)
	return head + "." + base64.RawURLEncoding.EncodeToString(ed25519.Sign(key, []byte(head)))
}

// forge makes a token with header alg: "none" with no signature, "HS256" keyed with the (public) key bytes.
func forge(t *testing.T, alg string, key []byte, claims map[string]any) string {
	t.Helper()
	head := encode(t, map[string]string{"alg": alg, "typ": "JWT", "kid": "k1"}) + "." + encode(t, claims)
	if alg == "none" {
		return head + "."
	}
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte(head))
	return head + "." + base64.RawURLEncoding.EncodeToString(mac.Sum(nil))
}

func account(iss, sub string, scopes ...string) map[string]any {
	now := time.Now().Unix()
	if scopes == nil {
		scopes = []string{}
	}
	return map[string]any{"sub": sub, "iss": iss, "type": "user", "scopes": scopes, "name": "", "uid": "u", "iat": now, "exp": now + 60}
}

func without(claims map[string]any, name string) map[string]any {
	delete(claims, name)
	return claims
}

func with(claims map[string]any, name string, value any) map[string]any {
	claims[name] = value
	return claims
}

// A verifier with its keys and rules in hand: notes in namespace alpha, Notes.Hello public, the rest members only.
func fixture(pub ed25519.PublicKey) *Verifier {
	v := &Verifier{service: "notes", namespace: "alpha", RulesTTL: time.Hour, MinRefetch: time.Hour}
	v.keys, v.newest, v.keysAt = map[string]ed25519.PublicKey{"k1": pub}, pub, time.Now()
	rule := func(id, scope, endpoint string, priority int32) *auth.Rule {
		return &auth.Rule{Id: id, Scope: scope, Resource: &auth.Resource{Type: "service", Name: "notes", Endpoint: endpoint}, Access: auth.Access_GRANTED, Priority: priority}
	}
	v.ruleSet, v.rulesAt, v.haveRules = []*auth.Rule{rule("hello", "", "Notes.Hello", 20), rule("members", "*", "*", 10)}, time.Now(), true
	return v
}

func code(err error) int32 {
	if err == nil {
		return 0
	}
	if e, ok := micro.FromError(err).(*micro.Error); ok {
		return e.Code
	}
	return -1
}

func TestVerifyAdmits(t *testing.T) {
	pub, priv, _ := ed25519.GenerateKey(rand.Reader)
	_, other, _ := ed25519.GenerateKey(rand.Reader)
	v := fixture(pub)
	call := func(md map[string]string, method string) (context.Context, error) {
		return v.Admit(metadata.NewIncomingContext(context.Background(), metadata.New(md)), method)
	}
	bearer := func(token string) map[string]string { return map[string]string{"authorization": "Bearer " + token} }
	expired := account("alpha", "ann")
	expired["exp"] = time.Now().Unix() - 10
	callToken := func(aud, iss string) string {
		c := account(iss, "public")
		c["type"], c["aud"] = "public", aud
		return sign(t, priv, "k1", c)
	}
	cases := []struct {
		name   string
		md     map[string]string
		method string
		want   int32
	}{
		{"no token", map[string]string{}, "/notes.Notes/Hello", 401},
		{"namespace header only", map[string]string{"micro-namespace": "alpha"}, "/notes.Notes/Hello", 401},
		{"another key", bearer(sign(t, other, "k1", account("alpha", "ann"))), "/notes.Notes/Secret", 401},
		{"expired", bearer(sign(t, priv, "k1", expired)), "/notes.Notes/Secret", 401},
		{"alg none", bearer(forge(t, "none", nil, account("alpha", "ann"))), "/notes.Notes/Secret", 401},
		{"HS256 keyed with the public key", bearer(forge(t, "HS256", pub, account("alpha", "ann"))), "/notes.Notes/Secret", 401},
		{"unknown kid", bearer(sign(t, priv, "k9", account("alpha", "ann"))), "/notes.Notes/Secret", 401},
		{"no kid: the newest key", bearer(sign(t, priv, "", account("alpha", "ann"))), "/notes.Notes/Secret", 0},
		{"no exp", bearer(sign(t, priv, "k1", without(account("alpha", "ann"), "exp"))), "/notes.Notes/Secret", 401},
		{"no iat", bearer(sign(t, priv, "k1", without(account("alpha", "ann"), "iat"))), "/notes.Notes/Secret", 401},
		{"no sub", bearer(sign(t, priv, "k1", without(account("alpha", "ann"), "sub"))), "/notes.Notes/Secret", 401},
		{"account token with an audience", bearer(sign(t, priv, "k1", with(account("alpha", "ann"), "aud", "notes"))), "/notes.Notes/Secret", 401},
		{"call token without an audience", bearer(sign(t, priv, "k1", with(account("alpha", "public"), "type", "public"))), "/notes.Notes/Hello", 401},
		{"call token with a list audience", bearer(sign(t, priv, "k1", with(with(account("alpha", "public"), "type", "public"), "aud", []string{"notes"}))), "/notes.Notes/Hello", 401},
		{"micro-token header", map[string]string{"micro-token": sign(t, priv, "k1", account("alpha", "ann"))}, "/notes.Notes/Secret", 0},
		{"member", bearer(sign(t, priv, "k1", account("alpha", "ann"))), "/notes.Notes/Secret", 0},
		{"stranger, private", bearer(sign(t, priv, "k1", account("beta", "bob", "admin"))), "/notes.Notes/Secret", 403},
		{"stranger, public", bearer(sign(t, priv, "k1", account("beta", "bob"))), "/notes.Notes/Hello", 0},
		{"platform admin", bearer(sign(t, priv, "k1", account("micro", "admin", "admin"))), "/notes.Notes/Secret", 0},
		{"call token, public", bearer(callToken("notes", "alpha")), "/notes.Notes/Hello", 0},
		{"call token, private", bearer(callToken("notes", "alpha")), "/notes.Notes/Secret", 401},
		{"call token of another service", bearer(callToken("other", "alpha")), "/notes.Notes/Hello", 401},
		{"call token of another namespace", bearer(callToken("notes", "beta")), "/notes.Notes/Hello", 401},
	}
	for _, c := range cases {
		ctx, err := call(c.md, c.method)
		if got := code(err); got != c.want {
			t.Errorf("%s: got %d (%v), want %d", c.name, got, err, c.want)
		}
		if err == nil && c.name == "member" {
			if a := AccountFrom(ctx); a == nil || a.ID != "ann" || a.Issuer != "alpha" {
				t.Errorf("member: account %+v", a)
			}
		}
	}
}

func TestWildcard(t *testing.T) {
	for _, c := range []struct {
		p, v string
		want bool
	}{{"*", "x", true}, {"Notes.*", "notes.hello", true}, {"Notes.*", "Other.Hello", false}, {"a*c*e", "abcde", true}, {"a*c*e", "abde", false}} {
		if wildcard(c.p, c.v) != c.want {
			t.Errorf("wildcard(%q, %q) != %v", c.p, c.v, c.want)
		}
	}
}

package verify

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"testing"
	"time"

	"github.com/micro-ts/micro-ts/sdk/go/auth"
	"github.com/micro-ts/micro-ts/sdk/go/micro"
	"google.golang.org/grpc/metadata"
)

func sign(t *testing.T, key ed25519.PrivateKey, kid string, claims map[string]any) string {
	t.Helper()
	enc := func(v any) string {
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		return base64.RawURLEncoding.EncodeToString(b)
	}
	head := enc(map[string]string{"alg": "EdDSA", "typ": "JWT", "kid": kid}) + "." + enc(claims)
	return head + "." + base64.RawURLEncoding.EncodeToString(ed25519.Sign(key, []byte(head)))
}

func account(iss, sub string, scopes ...string) map[string]any {
	now := time.Now().Unix()
	if scopes == nil {
		scopes = []string{}
	}
	return map[string]any{"sub": sub, "iss": iss, "type": "user", "scopes": scopes, "name": "", "uid": "u", "iat": now, "exp": now + 60}
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

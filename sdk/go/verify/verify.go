// Package verify admits the calls a Go service receives as the TypeScript framework does
// (runtime/service/verify.ts): a call needs an access token the platform signed (Ed25519, checked here with
// golang-jwt against the keys the auth service publishes in its registry entry, by kid, refetched on an unknown
// kid at most every five seconds), and the namespace's rules, read with the service's own account, decide as at the front doors.
// The call runs in the service's namespace whatever its micro-namespace header says; the front door's call token
// of an anonymous call (type "public") is good for this service of this namespace, and public endpoints, only.
//
//	v := verify.New(client, "helloworld", namespace)
//	srv := grpc.NewServer(v.ServerOptions()...)
package verify

import (
	"context"
	"crypto/ed25519"
	"encoding/base64"
	"encoding/json"
	"errors"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/micro-ts/micro-ts/sdk/go/auth"
	"github.com/micro-ts/micro-ts/sdk/go/micro"
	"github.com/micro-ts/micro-ts/sdk/go/registry"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
)

// Account is the caller a token proves.
type Account struct {
	ID, Type, Issuer, Name string
	Scopes                 []string
}

type accountKey struct{}

// AccountFrom returns the verified caller of a call, or nil for an anonymous call the front door admitted.
func AccountFrom(ctx context.Context) *Account {
	a, _ := ctx.Value(accountKey{}).(*Account)
	return a
}

const (
	adminNamespace = "micro"
	callTokenType  = "public"
	jwksMetadata   = "jwks"
	maxTokenLength = 8192
)

// Verifier admits calls; make one with New.
type Verifier struct {
	service, namespace string
	registry           registry.RegistryClient
	rules              auth.RulesClient
	// RulesTTL is how long the namespace's rules are used before they are read again (default 5 s).
	RulesTTL time.Duration
	// MinRefetch bounds how often an unknown kid makes the verifier fetch the keys again (default 5 s).
	MinRefetch time.Duration

	mu        sync.Mutex
	keys      map[string]ed25519.PublicKey
	newest    ed25519.PublicKey
	keysAt    time.Time
	ruleSet   []*auth.Rule
	rulesAt   time.Time
	haveRules bool
}

// New returns a verifier for the service registered as service in namespace; c must carry the service's
// credentials (MICRO_AUTH_ID and MICRO_AUTH_SECRET), with which the keys and the rules are read.
func New(c *micro.Client, service, namespace string) *Verifier {
	return &Verifier{
		service: service, namespace: namespace, registry: registry.NewRegistry(c), rules: auth.NewRules(c),
		RulesTTL: 5 * time.Second, MinRefetch: 5 * time.Second,
	}
}

// ServerOptions installs the verifier on a grpc.Server for unary and streaming calls.
func (v *Verifier) ServerOptions() []grpc.ServerOption {
	return []grpc.ServerOption{
		grpc.ChainUnaryInterceptor(func(ctx context.Context, req any, info *grpc.UnaryServerInfo, handler grpc.UnaryHandler) (any, error) {
			ctx, err := v.Admit(ctx, info.FullMethod)
			if err != nil {
				return nil, err
			}
			return handler(ctx, req)
		}),
		grpc.ChainStreamInterceptor(func(srv any, ss grpc.ServerStream, info *grpc.StreamServerInfo, handler grpc.StreamHandler) error {
			ctx, err := v.Admit(ss.Context(), info.FullMethod)
			if err != nil {
				return err
			}
			return handler(srv, &stream{ss, ctx})
		}),
	}
}

type stream struct {
	grpc.ServerStream
	ctx context.Context
}

func (s *stream) Context() context.Context { return s.ctx }

func refuse(code int32, detail string) error {
	env, _ := json.Marshal(micro.Error{ID: "auth", Code: code, Detail: detail, Status: map[int32]string{401: "Unauthorized", 403: "Forbidden", 503: "Service Unavailable"}[code]})
	c := map[int32]codes.Code{401: codes.Unauthenticated, 403: codes.PermissionDenied, 503: codes.Unavailable}[code]
	return status.Error(c, string(env))
}

// Admit verifies the call of fullMethod ("/pkg.Service/Method") and returns ctx with the caller's account.
func (v *Verifier) Admit(ctx context.Context, fullMethod string) (context.Context, error) {
	md, _ := metadata.FromIncomingContext(ctx)
	token, ok := tokenFrom(md)
	if !ok {
		return nil, refuse(401, "authentication required: this service admits only calls with a token the platform issued")
	}
	claims, err := v.verify(ctx, token)
	if err != nil {
		if errors.Is(err, errUnavailable) {
			return nil, refuse(503, err.Error())
		}
		return nil, refuse(401, "invalid or expired token")
	}
	var account *Account
	if claims.Type == callTokenType {
		if *claims.Aud != v.service || claims.Issuer != v.namespace {
			return nil, refuse(401, "invalid or expired token")
		}
	} else {
		account = &Account{ID: claims.Subject, Type: claims.Type, Issuer: claims.Issuer, Name: claims.Name, Scopes: claims.Scopes}
	}
	endpoint := endpointOf(fullMethod)
	rules, fetchedAt, err := v.currentRules(ctx, false)
	if err != nil {
		return nil, refuse(503, "cannot read the namespace's rules: "+err.Error())
	}
	allowed := v.decide(rules, account, endpoint)
	// a refusal on rules a second old is re-decided with fresh ones (a rule just added takes effect at once)
	if !allowed && time.Since(fetchedAt) > time.Second {
		if rules, _, err = v.currentRules(ctx, true); err == nil {
			allowed = v.decide(rules, account, endpoint)
		}
	}
	if !allowed {
		if account == nil {
			return nil, refuse(401, "authentication required")
		}
		return nil, refuse(403, "access to "+v.service+" "+endpoint+" in namespace "+v.namespace+" denied")
	}
	return context.WithValue(ctx, accountKey{}, account), nil
}

// tokenFrom reads "authorization: Bearer <jwt>", else micro-token, as the front doors do.
func tokenFrom(md metadata.MD) (string, bool) {
	if values := md.Get("authorization"); len(values) > 0 {
		fields := strings.Fields(values[0])
		if len(fields) == 2 && strings.EqualFold(fields[0], "bearer") {
			return fields[1], true
		}
		return "", false
	}
	if values := md.Get("micro-token"); len(values) > 0 && values[0] != "" {
		return values[0], true
	}
	return "", false
}

func endpointOf(fullMethod string) string {
	parts := strings.Split(strings.TrimPrefix(fullMethod, "/"), "/")
	if len(parts) != 2 {
		return fullMethod
	}
	svc := parts[0]
	if i := strings.LastIndex(svc, "."); i >= 0 {
		svc = svc[i+1:]
	}
	return svc + "." + parts[1]
}

// claims are what an access token asserts (runtime/auth/claims.ts). Aud shadows RegisteredClaims' audience on
// purpose: ours is one string, present on call tokens only, and a list there is malformed.
type claims struct {
	jwt.RegisteredClaims
	Aud    *string  `json:"aud"`
	Type   string   `json:"type"`
	Name   string   `json:"name"`
	UID    string   `json:"uid"`
	Scopes []string `json:"scopes"`
}

var errUnavailable = errors.New("cannot fetch the platform's verification keys")

// verify checks the token with golang-jwt as the TypeScript verifier does with jose: the algorithm pinned to
// EdDSA (alg none, or an HMAC "signed" with the public key, never pass), the key the kid names, an expiry that
// must be there and in the future; then the claims golang-jwt does not know about.
func (v *Verifier) verify(ctx context.Context, token string) (*claims, error) {
	if token == "" || len(token) > maxTokenLength {
		return nil, errors.New("bad token")
	}
	c := &claims{}
	_, err := jwt.ParseWithClaims(token, c, func(t *jwt.Token) (any, error) {
		kid, named := t.Header["kid"]
		id, ok := kid.(string)
		if named && !ok {
			return nil, errors.New("bad kid")
		}
		return v.key(ctx, id)
	}, jwt.WithValidMethods([]string{"EdDSA"}), jwt.WithExpirationRequired())
	if err != nil {
		return nil, err
	}
	if c.Subject == "" || c.Issuer == "" || c.IssuedAt == nil || c.Type == "" || c.Scopes == nil {
		return nil, errors.New("bad claims")
	}
	// a call token has an audience and nothing else does: one kind is never taken for the other
	if (c.Type == callTokenType) != (c.Aud != nil) {
		return nil, errors.New("bad token kind")
	}
	return c, nil
}

// key returns the key of kid, fetching the set when kid is unknown and the last fetch is old enough.
func (v *Verifier) key(ctx context.Context, kid string) (ed25519.PublicKey, error) {
	v.mu.Lock()
	defer v.mu.Unlock()
	pick := func() ed25519.PublicKey {
		if kid == "" {
			return v.newest
		}
		return v.keys[kid]
	}
	if k := pick(); k != nil {
		return k, nil
	}
	if !v.keysAt.IsZero() && time.Since(v.keysAt) < v.MinRefetch {
		return nil, errors.New("unknown kid")
	}
	v.keysAt = time.Now()
	if err := v.fetchKeys(ctx); err != nil {
		return nil, errUnavailable
	}
	if k := pick(); k != nil {
		return k, nil
	}
	return nil, errors.New("unknown kid")
}

func (v *Verifier) fetchKeys(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	res, err := v.registry.GetService(ctx, &registry.GetRequest{Service: "auth", Options: &registry.Options{Domain: adminNamespace}})
	if err != nil {
		return err
	}
	if len(res.GetServices()) == 0 {
		return errors.New("the auth service is not registered")
	}
	var set struct {
		Keys []struct{ Kty, Crv, X, Kid, Alg string }
	}
	if err := json.Unmarshal([]byte(res.GetServices()[0].GetMetadata()[jwksMetadata]), &set); err != nil {
		return err
	}
	keys := map[string]ed25519.PublicKey{}
	var newest ed25519.PublicKey
	for _, k := range set.Keys {
		x, err := base64.RawURLEncoding.DecodeString(k.X)
		if k.Kty != "OKP" || k.Crv != "Ed25519" || err != nil || len(x) != ed25519.PublicKeySize || k.Kid == "" {
			continue
		}
		keys[k.Kid] = ed25519.PublicKey(x)
		if newest == nil {
			newest = ed25519.PublicKey(x)
		}
	}
	v.keys, v.newest = keys, newest
	return nil
}

func (v *Verifier) currentRules(ctx context.Context, force bool) ([]*auth.Rule, time.Time, error) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.haveRules && !force && time.Since(v.rulesAt) < v.RulesTTL {
		return v.ruleSet, v.rulesAt, nil
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	res, err := v.rules.List(ctx, &auth.ListRequest{Options: &auth.Options{Namespace: v.namespace}})
	if err != nil {
		return nil, time.Time{}, err
	}
	v.ruleSet, v.rulesAt, v.haveRules = res.GetRules(), time.Now(), true
	return v.ruleSet, v.rulesAt, nil
}

// decide is runtime/auth/policy.ts for the namespace's own services: platform admins count as members, another
// namespace's account as a stranger (public and "+" rules only), and the first matching rule by priority decides.
func (v *Verifier) decide(rules []*auth.Rule, account *Account, endpoint string) bool {
	member := false
	if account != nil {
		admin := account.Issuer == adminNamespace && (contains(account.Scopes, "admin") || contains(account.Scopes, "service"))
		member = account.Issuer == v.namespace || admin
	}
	matching := make([]*auth.Rule, 0, len(rules))
	for _, r := range rules {
		res := r.GetResource()
		if res != nil && wildcard(res.GetType(), "service") && wildcard(res.GetName(), v.service) && wildcard(res.GetEndpoint(), endpoint) {
			matching = append(matching, r)
		}
	}
	sort.SliceStable(matching, func(i, j int) bool { return matching[i].GetPriority() > matching[j].GetPriority() })
	for _, r := range matching {
		scope := r.GetScope()
		applies := scope == "" || (account != nil && (scope == "+" || (member && (scope == "*" || contains(account.Scopes, scope)))))
		if applies {
			return r.GetAccess() == auth.Access_GRANTED
		}
	}
	return false
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// wildcard is rules.ts's wildcardMatch: "*" alone matches anything, elsewhere any run; case-insensitive.
func wildcard(pattern, value string) bool {
	if pattern == "*" {
		return true
	}
	p, s := strings.ToLower(pattern), strings.ToLower(value)
	if !strings.Contains(p, "*") {
		return p == s
	}
	parts := strings.Split(p, "*")
	if !strings.HasPrefix(s, parts[0]) {
		return false
	}
	at := len(parts[0])
	for _, part := range parts[1 : len(parts)-1] {
		i := strings.Index(s[at:], part)
		if i < 0 {
			return false
		}
		at += i + len(part)
	}
	last := parts[len(parts)-1]
	return len(s)-at >= len(last) && strings.HasSuffix(s, last)
}

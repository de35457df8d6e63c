// The SDK scenario shared by every language, against a live `micro server` (test/sdk/go.test.ts starts one
// and sets MICRO_SDK_SCENARIO=1 with MICRO_PROXY and the admin's MICRO_AUTH_ID/MICRO_AUTH_SECRET).
package scenario_test

import (
	"context"
	"errors"
	"io"
	"os"
	"testing"
	"time"

	"github.com/micro-ts/micro-ts/sdk/go/config"
	"github.com/micro-ts/micro-ts/sdk/go/events"
	"github.com/micro-ts/micro-ts/sdk/go/micro"
	"github.com/micro-ts/micro-ts/sdk/go/registry"
	"github.com/micro-ts/micro-ts/sdk/go/store"
)

func client(t *testing.T) (*micro.Client, context.Context) {
	if os.Getenv("MICRO_SDK_SCENARIO") == "" {
		t.Skip("needs a live server: run test/sdk/go.test.ts")
	}
	c, err := micro.Dial()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	return c, ctx
}

func TestStore(t *testing.T) {
	c, ctx := client(t)
	s := store.NewStore(c)
	if _, err := s.Write(ctx, &store.WriteRequest{Record: &store.Record{Key: "sdk-go", Value: []byte("hello from go")}}); err != nil {
		t.Fatal(err)
	}
	rsp, err := s.Read(ctx, &store.ReadRequest{Key: "sdk-go"})
	if err != nil {
		t.Fatal(err)
	}
	if len(rsp.Records) != 1 || string(rsp.Records[0].Value) != "hello from go" {
		t.Fatalf("read back %v", rsp.Records)
	}
	_, err = s.Read(ctx, &store.ReadRequest{Key: "sdk-go-missing"})
	var merr *micro.Error
	if !errors.As(err, &merr) || merr.Code != 404 || merr.Status != "Not Found" || merr.ID == "" {
		t.Fatalf("reading a missing key: want a 404 *micro.Error, got %#v", err)
	}
}

func TestConfig(t *testing.T) {
	c, ctx := client(t)
	cfg := config.NewConfig(c)
	ns := c.Options().Namespace
	if _, err := cfg.Set(ctx, &config.SetRequest{Namespace: ns, Path: "sdk.go", Value: &config.Value{Data: `{"ok":true}`, Format: "json"}}); err != nil {
		t.Fatal(err)
	}
	rsp, err := cfg.Get(ctx, &config.GetRequest{Namespace: ns, Path: "sdk.go"})
	if err != nil {
		t.Fatal(err)
	}
	if rsp.Value.GetData() != `{"ok":true}` {
		t.Fatalf("config value %q", rsp.Value.GetData())
	}
}

func TestEvents(t *testing.T) {
	c, ctx := client(t)
	ev := events.NewStream(c)
	since := time.Now().Add(-time.Second).Unix()
	if _, err := ev.Publish(ctx, &events.PublishRequest{Topic: "sdk-go", Payload: []byte(`"ping"`)}); err != nil {
		t.Fatal(err)
	}
	// An offset replays from that time, so the event published above is delivered.
	cctx, cancel := context.WithCancel(ctx)
	defer cancel()
	stream, err := ev.Consume(cctx, &events.ConsumeRequest{Topic: "sdk-go", Offset: since, AutoAck: true})
	if err != nil {
		t.Fatal(err)
	}
	got, err := stream.Recv()
	if err != nil {
		t.Fatal(err)
	}
	if got.Topic != "sdk-go" || string(got.Payload) != `"ping"` {
		t.Fatalf("consumed %v", got)
	}
	cancel()
	if _, err := stream.Recv(); err == nil || err == io.EOF {
		t.Fatalf("after cancel: want an error, got %v", err)
	}
}

func TestRegistry(t *testing.T) {
	c, ctx := client(t)
	reg := registry.NewRegistry(c)
	svc := &registry.Service{Name: "sdk-go", Version: "1.0.0", Nodes: []*registry.Node{{Id: "sdk-go-1", Address: "127.0.0.1:9"}}}
	if _, err := reg.Register(ctx, svc); err != nil {
		t.Fatal(err)
	}
	defer reg.Deregister(ctx, svc)
	rsp, err := reg.ListServices(ctx, &registry.ListRequest{})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range rsp.Services {
		if s.Name == "sdk-go" {
			return
		}
	}
	t.Fatalf("sdk-go not in %v", rsp.Services)
}

func TestBadToken(t *testing.T) {
	if os.Getenv("MICRO_SDK_SCENARIO") == "" {
		t.Skip("needs a live server")
	}
	c, err := micro.Dial(micro.WithToken("not-a-token"))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	_, err = registry.NewRegistry(c).ListServices(context.Background(), &registry.ListRequest{})
	if !micro.IsCode(err, 401) {
		t.Fatalf("a bad token: want 401, got %v", err)
	}
}

//go:build integration
// +build integration

// The one file added to Micro 3.0's (v3.19.0) integration suite, test/ of github.com/micro/micro/v3: it swaps the
// suite's server constructor, which runs `micro server` in docker, for a local process, and runs the tests one at a
// time (isParallel=false). test/support/micro-v3-suite.ts copies it into a copy of the module and compiles the suite.
//
// The server is whatever executable MICRO_SUITE_SERVER names, started as `<it> server`: Micro 3.0's own micro (the
// baseline) or ours. Like docker did, each server gets a world of its own: a user, network and pid namespace
// (unshare), so the ports every server hard-codes (proxy 8081, api 8080, ...) never clash and killing it kills every
// process it started, and a HOME of its own, so its state starts empty. Docker published 8081 and 8080 on random
// host ports; here a random loopback port of the suite's namespace is forwarded, through a unix socket (reachable
// across network namespaces), to 127.0.0.1:8081 (and 8080) inside the server's namespace. The forwarder inside is
// this test binary again, run with MICRO_SUITE_FORWARD.
//
// The suite must itself run as a uid /etc/passwd does not name, with HOME a throwaway directory (the harness does
// this): Micro 3.0 finds ~/.micro through os/user, which (built without cgo) falls back to $HOME only for such a uid.
package test

import (
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

const (
	serverEnv  = "MICRO_SUITE_SERVER"
	forwardEnv = "MICRO_SUITE_FORWARD"
)

func init() {
	if spec := os.Getenv(forwardEnv); spec != "" {
		forwardInside(spec) // never returns
	}
	isParallel = false
	newSrv = newProcessServer
}

type processServer struct {
	ServerDefault
	dir       string
	listeners []net.Listener
}

func newProcessServer(t *T, fname string, opts ...Option) Server {
	options := Options{Namespace: fname}
	for _, o := range opts {
		o(&options)
	}
	binary := os.Getenv(serverEnv)
	if binary == "" {
		t.Fatalf("%s must name the micro binary whose `server` the suite runs", serverEnv)
	}
	dir, err := os.MkdirTemp("", "micro-suite-"+fname+"-")
	if err != nil {
		t.Fatal(err)
	}
	home := filepath.Join(dir, "home")
	if err := os.MkdirAll(filepath.Join(home, "tmp"), 0o700); err != nil {
		t.Fatal(err)
	}
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	s := &processServer{dir: dir}
	proxy := s.forward(t, filepath.Join(dir, "proxy.sock"))
	api := s.forward(t, filepath.Join(dir, "api.sock"))
	inside := fmt.Sprintf("%s=8081,%s=8080", filepath.Join(dir, "proxy.sock"), filepath.Join(dir, "api.sock"))
	// outer namespace: root there, to bring lo up and start the forwarder; the server runs in a nested user namespace
	// as this process's uid (one /etc/passwd does not name, so its os/user falls back to $HOME), as pid 1 of the pid
	// namespace: killing unshare (--kill-child) kills it and everything it started
	id := strconv.Itoa(os.Getuid())
	script := `ip link set lo up || exit 1
MICRO_SUITE_FORWARD="$2" "$0" &
exec unshare --user --map-user="$3" --map-group="$3" "$1" server`
	cmd := exec.Command("unshare", "--user", "--map-root-user", "--net", "--pid", "--fork", "--kill-child",
		"sh", "-c", script, self, binary, inside, id)
	cmd.Dir = home
	// should this binary die (a timeout), unshare dies with it, and --kill-child takes the server along
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	cmd.Env = append(withoutEnv(os.Environ(), "HOME", "TMPDIR", forwardEnv),
		"HOME="+home, "TMPDIR="+filepath.Join(home, "tmp"),
		fmt.Sprintf("MICRO_AUTH_DISABLE_ADMIN=%v", options.DisableAdmin))
	if os.Getenv("MICRO_SUITE_VERBOSE") != "" {
		cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	}
	configFile := configFile(fname)
	s.ServerDefault = ServerDefault{ServerBase{
		dir:       filepath.Dir(configFile),
		config:    configFile,
		cmd:       cmd,
		t:         t,
		env:       options.Namespace,
		container: fname,
		apiPort:   api,
		proxyPort: proxy,
		opts:      options,
		namespace: "micro",
	}}
	return s
}

// Close does what the docker server's Close does (its `docker kill` finds nothing), then reaps the server, stops
// forwarding and removes the server's HOME.
func (s *processServer) Close() {
	s.ServerDefault.Close()
	if s.cmd.Process != nil {
		s.cmd.Wait()
	}
	for _, l := range s.listeners {
		l.Close()
	}
	os.RemoveAll(s.dir)
}

// forward listens on a free loopback port here and pipes each connection to the unix socket sock; a connection
// made before the server's side listens is closed (the suite's Try retries).
func (s *processServer) forward(t *T, sock string) int {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s.listeners = append(s.listeners, l)
	go serve(l, "unix", sock)
	return l.Addr().(*net.TCPAddr).Port
}

// forwardInside runs in the server's network namespace: for each "sock=port" of spec it pipes the unix socket's
// connections to 127.0.0.1:port. It lives as long as the namespace's pid 1 (the server).
func forwardInside(spec string) {
	for _, pair := range strings.Split(spec, ",") {
		sock, port, _ := strings.Cut(pair, "=")
		l, err := net.Listen("unix", sock)
		if err != nil {
			fmt.Fprintln(os.Stderr, "forwarder:", err)
			os.Exit(1)
		}
		go serve(l, "tcp", "127.0.0.1:"+port)
	}
	select {}
}

func serve(l net.Listener, network, address string) {
	for {
		in, err := l.Accept()
		if err != nil {
			return
		}
		go func() {
			defer in.Close()
			out, err := net.Dial(network, address)
			if err != nil {
				return
			}
			defer out.Close()
			done := make(chan struct{}, 2)
			go func() { io.Copy(out, in); done <- struct{}{} }()
			go func() { io.Copy(in, out); done <- struct{}{} }()
			<-done
		}()
	}
}

func withoutEnv(env []string, names ...string) []string {
	out := env[:0:0]
outer:
	for _, kv := range env {
		for _, n := range names {
			if strings.HasPrefix(kv, n+"=") {
				continue outer
			}
		}
		out = append(out, kv)
	}
	return out
}

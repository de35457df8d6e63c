// The app: who is signed in, which namespace is shown, and the page for the URL. Signed out, it shows what the
// namespace makes public. Part 2's pages (runtime, store, config, events) slot into `page` and the nav.
import { useEffect, useState } from "preact/hooks";
import { listing as loadListing, session as loadSession, signOut, type Listing, type Session } from "./api.js";
import { Endpoint } from "./pages/endpoint.js";
import { Services } from "./pages/services.js";
import { SignIn } from "./pages/signin.js";
import { href, navigate, useLocation } from "./router.js";

export function App() {
  const loc = useLocation();
  const [session, setSession] = useState<Session | undefined>();
  const [listing, setListing] = useState<{ ns: string; data?: Listing; error?: string } | undefined>();
  useEffect(() => { loadSession().then(setSession, () => setSession({ signedIn: false })); }, []);

  const namespace = loc.query.get("ns") || session?.namespace || "micro";
  const wantsListing = loc.path.startsWith("/services");
  useEffect(() => {
    if (!session || !wantsListing) return;
    let live = true;
    loadListing(namespace).then((data) => live && setListing({ ns: namespace, data }), (err: Error) => live && setListing({ ns: namespace, error: err.message }));
    return () => { live = false; };
  }, [session, namespace, wantsListing]);

  useEffect(() => { if (loc.path === "/") navigate(href("/services", { ns: loc.query.get("ns") ?? undefined }), true); }, [loc.path]);

  if (!session) return <Shell session={session} namespace={namespace}><p class="muted">Loading…</p></Shell>;
  let page;
  if (loc.path === "/signin") {
    page = <SignIn onSignedIn={setSession} next={loc.query.get("next") ?? ""} namespace={loc.query.get("ns") ?? ""} />;
  } else if (wantsListing) {
    const current = listing?.ns === namespace ? listing : undefined;
    const parts = loc.path.split("/").slice(2).map(decodeURIComponent);
    if (!current) page = <main><p class="muted">Loading services…</p></main>;
    else if (current.error) page = <main><p class="error" role="alert">{current.error}</p>{!session.signedIn && <p><a href={href("/signin", { ns: namespace })}>Sign in</a> to see more.</p>}</main>;
    else if (parts.length >= 2) page = <Endpoint listing={current.data!} service={parts[0]!} endpoint={parts[1]!} loc={loc} namespace={namespace} />;
    else page = <Services listing={current.data!} query={loc.query.get("q") ?? ""} namespace={namespace} />;
  } else {
    page = <main><h1>Not found</h1><p><a href="/services">Services</a></p></main>;
  }
  return <Shell session={session} namespace={namespace} onSignOut={async () => { await signOut(); setSession({ signedIn: false }); navigate("/signin"); }}>{page}</Shell>;
}

function Shell({ session, namespace, onSignOut, children }: { session?: Session; namespace: string; onSignOut?: () => void; children: unknown }) {
  return (
    <>
      <header class="top">
        <a class="brand" href="/services">micro</a>
        <nav aria-label="Main"><a href={href("/services", { ns: namespace })}>Services</a></nav>
        <form class="namespace" onSubmit={(e) => {
          e.preventDefault();
          const ns = String(new FormData(e.target as HTMLFormElement).get("ns") || "");
          navigate(href("/services", { ns }));
        }}>
          <label for="ns-switch">Show namespace</label>
          <input id="ns-switch" name="ns" key={namespace} defaultValue={namespace} size={12} />
        </form>
        <span class="who">
          {session?.signedIn
            ? <>{session.id} <span class="muted">({session.namespace})</span> <button type="button" class="link" onClick={onSignOut}>Sign out</button></>
            : session && <a href={href("/signin", { ns: namespace, next: location.pathname + location.search })}>Sign in</a>}
        </span>
      </header>
      {children}
    </>
  );
}

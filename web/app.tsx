// The app: who is signed in, which namespace is shown, and the page for the URL. Signed out, it shows what the
// namespace makes public. The services directory and the endpoint form are in the first bundle; the other pages
// (runtime, store, config, events, accounts) are chunks loaded when first opened (esbuild splitting), so the
// first page ships only what it uses.
import type { ComponentChildren, ComponentType } from "preact";
import { useEffect, useState } from "preact/hooks";
import { listing as loadListing, session as loadSession, signOut, type Listing, type Session } from "./api.js";
import { Endpoint } from "./pages/endpoint.js";
import { Services } from "./pages/services.js";
import { SignIn } from "./pages/signin.js";
import { href, navigate, useLocation, type Location } from "./router.js";

interface PageProps { namespace: string; loc: Location }

/** The lazily loaded pages, by path; `admin`: shown in the nav to admins only (the server decides either way). */
const PAGES: Record<string, { title: string; admin?: boolean; load: () => Promise<{ default: ComponentType<PageProps> }> }> = {
  "/runtime": { title: "Runtime", admin: true, load: () => import("./pages/runtime.js") },
  "/store": { title: "Store", load: () => import("./pages/store.js") },
  "/config": { title: "Config", load: () => import("./pages/config.js") },
  "/events": { title: "Events", load: () => import("./pages/events.js") },
  "/accounts": { title: "Accounts", admin: true, load: () => import("./pages/accounts.js") },
};

const isAdmin = (s?: Session) => !!s?.signedIn && (s.scopes ?? []).includes("admin");

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

  if (!session) return <Shell session={session} namespace={namespace} loc={loc}><p class="muted">Loading…</p></Shell>;
  let page;
  const lazy = PAGES[loc.path];
  if (loc.path === "/signin") {
    page = <SignIn onSignedIn={setSession} next={loc.query.get("next") ?? ""} namespace={loc.query.get("ns") ?? ""} />;
  } else if (wantsListing) {
    const current = listing?.ns === namespace ? listing : undefined;
    const parts = loc.path.split("/").slice(2).map(decodeURIComponent);
    if (!current) page = <main><p class="muted">Loading services…</p></main>;
    else if (current.error) page = <main><p class="error" role="alert">{current.error}</p>{!session.signedIn && <p><a href={href("/signin", { ns: namespace })}>Sign in</a> to see more.</p>}</main>;
    else if (parts.length >= 2) page = <Endpoint listing={current.data!} service={parts[0]!} endpoint={parts[1]!} loc={loc} namespace={namespace} />;
    else page = <Services listing={current.data!} query={loc.query.get("q") ?? ""} namespace={namespace} />;
  } else if (lazy) {
    page = session.signedIn
      ? <Lazy key={loc.path} load={lazy.load} props={{ namespace, loc }} />
      : <main><h1>{lazy.title}</h1><p><a href={href("/signin", { ns: namespace, next: loc.path + location.search })}>Sign in</a> to see {lazy.title.toLowerCase()}.</p></main>;
  } else {
    page = <main><h1>Not found</h1><p><a href="/services">Services</a></p></main>;
  }
  return <Shell session={session} namespace={namespace} loc={loc} onSignOut={async () => { await signOut(); setSession({ signedIn: false }); navigate("/signin"); }}>{page}</Shell>;
}

function Lazy({ load, props }: { load: () => Promise<{ default: ComponentType<PageProps> }>; props: PageProps }) {
  const [Page, setPage] = useState<{ c: ComponentType<PageProps> } | { error: string } | undefined>();
  useEffect(() => { load().then((m) => setPage({ c: m.default }), (err: Error) => setPage({ error: `the page did not load: ${err.message}` })); }, []);
  if (!Page) return <main><p class="muted">Loading…</p></main>;
  if ("error" in Page) return <main><p class="error" role="alert">{Page.error}</p></main>;
  return <Page.c {...props} />;
}

function Shell({ session, namespace, loc, onSignOut, children }: { session?: Session; namespace: string; loc: Location; onSignOut?: () => void; children: ComponentChildren }) {
  const links = [["/services", "Services"] as const, ...Object.entries(PAGES).filter(([, p]) => session?.signedIn && (!p.admin || isAdmin(session))).map(([path, p]) => [path, p.title] as const)];
  return (
    <>
      <a class="skip" href="#content">Skip to content</a>
      <header class="top">
        <a class="brand" href="/services">micro</a>
        <nav aria-label="Main">
          {links.map(([path, title]) => (
            <a key={path} href={href(path, { ns: namespace })} aria-current={loc.path === path || (path === "/services" && loc.path.startsWith("/services/")) ? "page" : undefined}>{title}</a>
          ))}
        </nav>
        <NamespaceSwitcher session={session} namespace={namespace} loc={loc} />
        <span class="who">
          {session?.signedIn
            ? <>{session.id} <span class="muted">({session.namespace})</span> <button type="button" class="link" onClick={onSignOut}>Sign out</button></>
            : session && <a href={href("/signin", { ns: namespace, next: location.pathname + location.search })}>Sign in</a>}
        </span>
      </header>
      <div id="content">{children}</div>
    </>
  );
}

const OTHER = "\u0000other";

/** The namespaces this account can use (GET /session's `namespaces`: its own; for an admin of the micro namespace,
 * every namespace on the server), and "another namespace…" to see what some other namespace makes public. */
function NamespaceSwitcher({ session, namespace, loc }: { session?: Session; namespace: string; loc: Location }) {
  const [other, setOther] = useState(false);
  const usable = session?.namespaces?.length ? session.namespaces : [session?.namespace ?? "micro"];
  const options = usable.includes(namespace) ? usable : [...usable, namespace];
  // the current page again in another namespace (an endpoint's form goes back to the directory: it may not exist there)
  const go = (ns: string) => {
    const path = PAGES[loc.path] || loc.path === "/services" ? loc.path : "/services";
    navigate(href(path, { ns }));
  };
  if (other) {
    return (
      <form class="namespace" onSubmit={(e) => {
        e.preventDefault();
        const ns = String(new FormData(e.target as HTMLFormElement).get("ns") || "").trim();
        setOther(false);
        if (ns) go(ns);
      }}>
        <label for="ns-other">Show namespace</label>
        <input id="ns-other" name="ns" size={12} autoFocus placeholder="its public endpoints" />
        <button type="submit">Show</button>
        <button type="button" onClick={() => setOther(false)}>Cancel</button>
      </form>
    );
  }
  return (
    <div class="namespace">
      <label for="ns-switch">Show namespace</label>
      <select id="ns-switch" value={namespace} onChange={(e) => {
        const v = (e.target as HTMLSelectElement).value;
        if (v === OTHER) setOther(true);
        else go(v);
      }}>
        {options.map((ns) => <option key={ns} value={ns}>{ns}{!usable.includes(ns) ? " (public view)" : ""}</option>)}
        <option value={OTHER}>another namespace…</option>
      </select>
    </div>
  );
}

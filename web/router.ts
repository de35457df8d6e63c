// Path routing in the browser: the server answers every page path with the app, and links change the URL
// through the history API. The URL is the state: a call's form lives in its query string, so it can be shared.
import { useEffect, useState } from "preact/hooks";

export interface Location { path: string; query: URLSearchParams }

const listeners = new Set<() => void>();
const current = (): Location => ({ path: location.pathname, query: new URLSearchParams(location.search) });

export function navigate(url: string, replace = false): void {
  if (replace) history.replaceState(null, "", url);
  else history.pushState(null, "", url);
  for (const l of listeners) l();
}

export function useLocation(): Location {
  const [loc, setLoc] = useState(current);
  useEffect(() => {
    const update = () => setLoc(current());
    listeners.add(update);
    addEventListener("popstate", update);
    return () => { listeners.delete(update); removeEventListener("popstate", update); };
  }, []);
  return loc;
}

/** Same-origin link clicks become navigations without a reload. */
export function interceptLinks(): void {
  document.addEventListener("click", (e) => {
    const a = (e.target as Element).closest?.("a");
    if (!a || a.target || a.origin !== location.origin || e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
    // a link to a place on this page (Skip to content) is the browser's to follow
    if (a.hash && a.pathname === location.pathname && a.search === location.search) return;
    e.preventDefault();
    navigate(a.pathname + a.search);
  });
}

export function href(path: string, query: Record<string, string | undefined> = {}): string {
  const q = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => !!e[1]));
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

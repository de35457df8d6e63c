// The namespace's services: a searchable directory with each one's versions, nodes and endpoints (what the
// caller may call: the gateway's endpoint listing leaves the rest out).
import type { Listing } from "../api.js";
import { href, navigate } from "../router.js";

export function Services({ listing, query, namespace }: { listing: Listing; query: string; namespace: string }) {
  const q = query.trim().toLowerCase();
  const services = listing.services
    .map((s) => ({ ...s, endpoints: s.name.toLowerCase().includes(q) ? s.endpoints : s.endpoints.filter((e) => e.name.toLowerCase().includes(q)) }))
    .filter((s) => !q || s.endpoints.length > 0);
  return (
    <main>
      <div class="toolbar">
        <h1>Services <span class="muted">in {listing.namespace}</span></h1>
        <input type="search" aria-label="Search services and endpoints" placeholder="Search services and endpoints" value={query}
          onInput={(e) => navigate(href("/services", { ns: namespace, q: (e.target as HTMLInputElement).value }), true)} />
      </div>
      {services.length === 0 && <p class="muted" id="no-services">{q ? `Nothing matches “${query}”.` : "No services you may call here."}</p>}
      <ul class="services">
        {services.map((s) => (
          <li class="card service" key={s.name} data-service={s.name}>
            <h2>{s.name}</h2>
            <p class="versions">
              {s.versions.map((v) => (
                <span class="version" key={v.version}>
                  v{v.version || "latest"}{v.nodes && <> · {v.nodes.length} node{v.nodes.length === 1 ? "" : "s"}
                    {v.nodes.length > 0 && <span class="muted"> ({v.nodes.map((n) => n.address).join(", ")})</span>}</>}
                </span>
              ))}
            </p>
            <ul class="endpoints">
              {s.endpoints.map((e) => (
                <li key={e.name}>
                  <a href={href(`/services/${encodeURIComponent(s.name)}/${encodeURIComponent(e.name)}`, { ns: namespace })}>{e.name}</a>
                  {e.streaming !== "unary" && <span class="badge">{e.streaming.replace("_", " ")}</span>}
                  {e.public && <span class="badge public">public</span>}
                  {e.description && <span class="muted"> — {e.description.split("\n")[0]}</span>}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </main>
  );
}

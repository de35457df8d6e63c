// Runtime (admins): the namespace's services run by `micro run` — a status table kept live (read again every
// 2 s: Runtime has no watch), logs with follow (Runtime.Logs over a WebSocket), run from a git URL or a server
// path, update (rebuild from the source), kill. All through /api to the runtime builtin, as `micro` does.
import { useEffect, useRef, useState } from "preact/hooks";
import { rpc } from "../api.js";
import { openStream, type Stream } from "../stream.js";
import { ErrorLine, formValues, useConfirm } from "../ui.js";

interface RuntimeService { name: string; version?: string; source?: string; metadata?: Record<string, string> }

const REFRESH_MS = 2000;
const READ = "/runtime/runtime/read";

/** The service name `micro run` would pick: the source's last path element, less .git and any @ref. */
export function nameFromSource(source: string): string {
  const path = source.replace(/@[^/@]*$/, "").replace(/\/+$/, "").replace(/\.git$/, "");
  return (path.split(/[/:]/).pop() ?? "").toLowerCase().replace(/[^a-z0-9-]/g, "-");
}

function uptime(started?: string): string {
  if (!started) return "";
  const s = Math.max(0, Math.round((Date.now() - Date.parse(started)) / 1000));
  return s < 60 ? `${s}s` : s < 3600 ? `${Math.floor(s / 60)}m${s % 60}s` : `${Math.floor(s / 3600)}h${Math.floor((s % 3600) / 60)}m`;
}

export default function RuntimePage({ namespace }: { namespace: string }) {
  const [services, setServices] = useState<RuntimeService[] | undefined>();
  const [error, setError] = useState("");
  const [notice, setNotice] = useState("");
  const [logsOf, setLogsOf] = useState("");
  const [confirmDialog, confirm] = useConfirm();
  const options = { namespace };

  const refresh = async () => {
    try {
      const r = await rpc<{ services?: RuntimeService[] }>(READ, namespace, { options });
      setServices((r.services ?? []).sort((a, b) => a.name.localeCompare(b.name)));
      setError("");
    } catch (err) {
      setError((err as Error).message);
    }
  };
  useEffect(() => {
    void refresh();
    const timer = setInterval(() => void refresh(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [namespace]);

  const act = async (what: string, fn: () => Promise<unknown>) => {
    setNotice("");
    try {
      await fn();
      setNotice(what);
      setError("");
    } catch (err) {
      setError((err as Error).message);
    }
    void refresh();
  };
  const run = (e: Event) => {
    const f = formValues(e);
    const name = f.name || nameFromSource(f.source ?? "");
    void act(`Service ${name} created in ${namespace}; building`, () =>
      rpc("/runtime/runtime/create", namespace, { resource: { service: { name, version: f.version || "latest", source: f.source } }, options }));
  };
  const kill = async (s: RuntimeService) => {
    if (!(await confirm(`Kill ${s.name} (${s.version || "latest"}) in ${namespace}? It is stopped and removed.`, "Kill"))) return;
    await act(`Service ${s.name} killed`, () => rpc("/runtime/runtime/delete", namespace, { resource: { service: { name: s.name, version: s.version } }, options }));
  };
  const update = (s: RuntimeService) =>
    act(`Service ${s.name} updating (rebuilt from its source)`, () =>
      rpc("/runtime/runtime/update", namespace, { resource: { service: { name: s.name, version: s.version, source: s.source } }, options }));

  return (
    <main>
      <h1>Runtime <span class="muted">in {namespace}</span></h1>
      <form class="card" aria-labelledby="run-title" onSubmit={run}>
        <h2 id="run-title">Run a service</h2>
        <label for="run-source">Source: a git URL (https, ssh, file://; @ref and a subdirectory allowed) or a path on the server</label>
        <input id="run-source" name="source" required placeholder="github.com/micro/services/helloworld" />
        <div class="inline">
          <div><label for="run-name">Name</label><input id="run-name" name="name" placeholder="from the source" /></div>
          <div><label for="run-version">Version</label><input id="run-version" name="version" placeholder="latest" /></div>
        </div>
        <button type="submit">Run</button>
      </form>
      <ErrorLine error={error} id="runtime-error" />
      {notice && <p class="notice" role="status" id="runtime-notice">{notice}</p>}
      <section class="card">
        <h2>Services <span class="muted">(live: read every {REFRESH_MS / 1000} s)</span></h2>
        {services === undefined ? <p class="muted">Loading…</p> : services.length === 0 ? <p class="muted" id="runtime-empty">No services run here (run one above).</p> : (
          <div class="table-wrap">
            <table class="status" id="runtime-status">
              <thead><tr><th>Name</th><th>Version</th><th>Source</th><th>Status</th><th>Uptime</th><th>Restarts</th><th>Error</th><th><span class="sr-only">Actions</span></th></tr></thead>
              <tbody>
                {services.map((s) => (
                  <tr key={`${s.name}@${s.version}`} data-service={s.name}>
                    <td>{s.name}</td><td>{s.version}</td><td class="source">{s.source}</td>
                    <td class={`state ${s.metadata?.status ?? ""}`}>{s.metadata?.status}</td>
                    <td>{uptime(s.metadata?.started)}</td><td>{s.metadata?.restarts}</td><td class="error">{s.metadata?.error}</td>
                    <td class="row-actions">
                      <button type="button" aria-label={`Logs of ${s.name}`} onClick={() => setLogsOf(s.name)}>Logs</button>
                      <button type="button" aria-label={`Update ${s.name}`} onClick={() => void update(s)}>Update</button>
                      <button type="button" aria-label={`Kill ${s.name}`} onClick={() => void kill(s)}>Kill</button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {logsOf && <Logs key={logsOf} service={logsOf} namespace={namespace} />}
      {confirmDialog}
    </main>
  );
}

function Logs({ service, namespace }: { service: string; namespace: string }) {
  const [follow, setFollow] = useState(true);
  const [lines, setLines] = useState<string[]>([]);
  const [state, setState] = useState("reading");
  const stream = useRef<Stream | undefined>(undefined);
  useEffect(() => {
    setLines([]);
    setState(follow ? "following" : "reading");
    const s = openStream("/runtime/runtime/logs", namespace, {
      onMessage: (m) => setLines((l) => [...l.slice(-999), String((m as { message?: string }).message ?? "")]),
      onEnd: (err) => setState(err ? `failed: ${err.detail}` : "ended"),
    });
    s.send({ service, stream: follow, count: 200, options: { namespace } });
    stream.current = s;
    return () => s.close();
  }, [service, namespace, follow]);
  return (
    <section class="card" aria-labelledby="logs-title">
      <h2 id="logs-title">Logs of {service} <span class="muted" id="logs-state">{state}</span></h2>
      <label class="check"><input type="checkbox" checked={follow} onChange={(e) => setFollow((e.target as HTMLInputElement).checked)} /> Follow</label>
      <pre id="logs" tabIndex={0} aria-label={`Logs of ${service}`}>{lines.join("\n") || " "}</pre>
    </section>
  );
}

// Store: the namespace's databases and tables, its keys (prefix search, pages of PAGE keys: Store.List, a server
// stream, read to its end), and a key's value to read, write or delete. Values are proto `bytes`: shown as text
// when they are UTF-8, written as UTF-8. Database, table, prefix and page live in the URL.
import { useState } from "preact/hooks";
import { rpc } from "../api.js";
import { href, navigate, type Location } from "../router.js";
import { collect } from "../stream.js";
import { ErrorLine, formValues, fromBase64, toBase64, useConfirm, useLoad } from "../ui.js";

const PAGE = 20;

interface StoreRecord { key: string; value?: string; expiry?: string; metadata?: Record<string, unknown> }

export default function StorePage({ namespace, loc }: { namespace: string; loc: Location }) {
  const q = loc.query;
  const database = q.get("db") ?? "";
  const table = q.get("table") ?? "";
  const prefix = q.get("prefix") ?? "";
  const page = Math.max(0, Number(q.get("page") ?? 0) || 0);
  const go = (change: Record<string, string | undefined>) =>
    navigate(href("/store", { ns: namespace, db: database, table, prefix, ...change }), true);

  const dbs = useLoad(() => rpc<{ databases?: string[] }>("/store/store/databases", namespace).then((r) => r.databases ?? []), [namespace]);
  const tables = useLoad(() => rpc<{ tables?: string[] }>("/store/store/tables", namespace, { database }).then((r) => r.tables ?? []), [namespace, database]);
  const keys = useLoad(async () => {
    const got = await collect("/store/store/list", namespace, { options: { database, table, prefix, limit: PAGE + 1, offset: page * PAGE } });
    return got.flatMap((m) => (m as { keys?: string[] }).keys ?? []);
  }, [namespace, database, table, prefix, page]);
  const [record, setRecord] = useState<{ key: string; value: string } | undefined>();
  const [error, setError] = useState("");
  const [notice, setNotice] = useState("");
  const [confirmDialog, confirm] = useConfirm();
  const options = { database, table };

  const read = async (key: string) => {
    setError(""); setNotice("");
    try {
      const r = await rpc<{ records?: StoreRecord[] }>("/store/store/read", namespace, { key, options });
      setRecord({ key, value: fromBase64(r.records?.[0]?.value) });
    } catch (err) {
      setError((err as Error).message);
    }
  };
  const write = async (e: Event) => {
    const f = formValues(e);
    setError(""); setNotice("");
    try {
      await rpc("/store/store/write", namespace, { record: { key: f.key, value: toBase64(f.value ?? "") }, options });
      setNotice(`Wrote ${f.key}`);
      setRecord({ key: f.key!, value: f.value ?? "" });
      keys.reload();
    } catch (err) {
      setError((err as Error).message);
    }
  };
  const remove = async (key: string) => {
    if (!(await confirm(`Delete key ${key}?`, "Delete"))) return;
    try {
      await rpc("/store/store/delete", namespace, { key, options });
      setNotice(`Deleted ${key}`);
      setRecord(undefined);
      keys.reload();
    } catch (err) {
      setError((err as Error).message);
    }
  };
  const shown = (keys.data ?? []).slice(0, PAGE);

  return (
    <main>
      <h1>Store <span class="muted">in {namespace}</span></h1>
      <form class="card inline" role="search" onSubmit={(e) => { const f = formValues(e); go({ db: f.db, table: f.table, prefix: f.prefix, page: undefined }); }}>
        <div><label for="store-db">Database</label>
          <input id="store-db" name="db" list="store-dbs" defaultValue={database} key={`db-${database}`} placeholder="(default)" />
          <datalist id="store-dbs">{(dbs.data ?? []).map((d) => <option value={d} />)}</datalist></div>
        <div><label for="store-table">Table</label>
          <input id="store-table" name="table" list="store-tables" defaultValue={table} key={`t-${table}`} placeholder="(default)" />
          <datalist id="store-tables">{(tables.data ?? []).map((t) => <option value={t} />)}</datalist></div>
        <div><label for="store-prefix">Key prefix</label>
          <input id="store-prefix" name="prefix" type="search" defaultValue={prefix} key={`p-${prefix}`} /></div>
        <button type="submit">Show keys</button>
      </form>
      <ErrorLine error={dbs.error ?? keys.error ?? error} id="store-error" />
      {notice && <p class="notice" role="status" id="store-notice">{notice}</p>}
      <div class="split">
        <section class="card" aria-labelledby="keys-title">
          <h2 id="keys-title">Keys <span class="muted">{database || "(default)"} / {table || "(default)"}{prefix && ` · ${prefix}…`}</span></h2>
          {keys.loading && !keys.data ? <p class="muted">Loading…</p> : shown.length === 0 ? <p class="muted" id="store-empty">No keys{prefix && ` starting with “${prefix}”`}.</p> : (
            <ul class="keys" id="store-keys">
              {shown.map((k) => <li key={k}><button type="button" class="link" onClick={() => void read(k)}>{k}</button></li>)}
            </ul>
          )}
          <nav class="pager" aria-label="Pages of keys">
            <button type="button" disabled={page === 0} onClick={() => go({ page: page > 1 ? String(page - 1) : undefined })}>Previous</button>
            <span class="muted">page {page + 1}</span>
            <button type="button" disabled={(keys.data?.length ?? 0) <= PAGE} onClick={() => go({ page: String(page + 1) })}>Next</button>
          </nav>
        </section>
        <section class="card" aria-labelledby="record-title">
          <h2 id="record-title">{record ? <>Key <code>{record.key}</code></> : "Write a key"}</h2>
          <form key={record?.key ?? ""} onSubmit={write}>
            <label for="store-key">Key</label>
            <input id="store-key" name="key" required defaultValue={record?.key ?? ""} />
            <label for="store-value">Value</label>
            <textarea id="store-value" name="value" rows={6} defaultValue={record?.value ?? ""} />
            <div class="actions">
              <button type="submit" class="primary">Write</button>
              {record && <button type="button" onClick={() => void remove(record.key)}>Delete</button>}
            </div>
          </form>
        </section>
      </div>
      {confirmDialog}
    </main>
  );
}

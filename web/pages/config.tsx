// Config: the namespace's config as a tree — objects open and close, each leaf edited as JSON (text that is not
// JSON is saved as a string), saved or deleted at its dotted path. Secret leaves come back from Config.Get as
// "[secret]" (the server does not send them unless asked); Reveal asks for that one leaf with options.secret,
// and saving it again keeps it secret. A new value may be set at any path, as a secret or not.
import { useState } from "preact/hooks";
import { rpc } from "../api.js";
import { ErrorLine, formValues, useConfirm, useLoad } from "../ui.js";

/** What Config.Get puts in place of a secret leaf it was not asked to decrypt (runtime/config/types.ts). */
const SECRET_PLACEHOLDER = "[secret]";

const asJson = (text: string): string => {
  try {
    JSON.parse(text);
    return text;
  } catch {
    return JSON.stringify(text);
  }
};

export default function ConfigPage({ namespace }: { namespace: string }) {
  const tree = useLoad(async () => {
    // a namespace with no config yet answers 404
    const r = await rpc<{ value?: { data?: string } }>("/config/config/get", namespace, { namespace, path: "", options: { secret: false } })
      .catch((err: Error & { status?: number }) => { if (err.status === 404) return {}; throw err; });
    return "value" in r && r.value?.data ? JSON.parse(r.value.data) as unknown : {};
  }, [namespace]);
  const [error, setError] = useState("");
  const [notice, setNotice] = useState("");
  const [confirmDialog, confirm] = useConfirm();

  const set = async (path: string, text: string, secret: boolean): Promise<boolean> => {
    setError(""); setNotice("");
    try {
      await rpc("/config/config/set", namespace, { namespace, path, value: { data: asJson(text), format: "json" }, options: { secret } });
      setNotice(`Saved ${path}${secret ? " (secret)" : ""}`);
      tree.reload();
      return true;
    } catch (err) {
      setError((err as Error).message);
      return false;
    }
  };
  const del = async (path: string) => {
    if (!(await confirm(`Delete ${path} and everything under it?`, "Delete"))) return;
    try {
      await rpc("/config/config/delete", namespace, { namespace, path });
      setNotice(`Deleted ${path}`);
      tree.reload();
    } catch (err) {
      setError((err as Error).message);
    }
  };
  const reveal = async (path: string): Promise<string> => {
    const r = await rpc<{ value?: { data?: string } }>("/config/config/get", namespace, { namespace, path, options: { secret: true } });
    return r.value?.data ?? "";
  };
  const ctx = { set, del, reveal };
  const data = tree.data;

  return (
    <main>
      <h1>Config <span class="muted">of {namespace}</span></h1>
      <form class="card" aria-labelledby="config-add" onSubmit={(e) => {
        const form = e.target as HTMLFormElement;
        const f = formValues(e);
        // a secret typed here does not stay on the page once it is saved
        void set(f.path!, f.value ?? "", f.secret === "on").then((ok) => ok && form.reset());
      }}>
        <h2 id="config-add">Set a value</h2>
        <div class="inline">
          <div><label for="config-path">Path</label><input id="config-path" name="path" required placeholder="helloworld.greeting" /></div>
          <div class="grow"><label for="config-value">Value (JSON, or text)</label><input id="config-value" name="value" required /></div>
        </div>
        <label class="check"><input type="checkbox" name="secret" /> Secret (stored encrypted; masked here unless revealed)</label>
        <button type="submit">Set</button>
      </form>
      <ErrorLine error={tree.error ?? error} id="config-error" />
      {notice && <p class="notice" role="status" id="config-notice">{notice}</p>}
      <section class="card" aria-labelledby="config-tree-title">
        <h2 id="config-tree-title">Tree</h2>
        {data === undefined ? <p class="muted">Loading…</p>
          : data && typeof data === "object" && !Array.isArray(data) && Object.keys(data).length > 0
            ? <ul class="tree" id="config-tree">{Object.entries(data as Record<string, unknown>).map(([k, v]) => <Node key={k} name={k} path={k} value={v} ctx={ctx} />)}</ul>
            : <p class="muted" id="config-empty">No config in {namespace} yet.</p>}
      </section>
      {confirmDialog}
    </main>
  );
}

interface Ctx { set: (path: string, text: string, secret: boolean) => Promise<boolean>; del: (path: string) => Promise<void>; reveal: (path: string) => Promise<string> }

function Node({ name, path, value, ctx }: { name: string; path: string; value: unknown; ctx: Ctx }) {
  if (value && typeof value === "object" && !Array.isArray(value)) {
    return (
      <li data-path={path}>
        <details open>
          <summary>{name} <button type="button" class="link" aria-label={`Delete ${path}`} onClick={() => void ctx.del(path)}>delete</button></summary>
          <ul>{Object.entries(value as Record<string, unknown>).map(([k, v]) => <Node key={k} name={k} path={`${path}.${k}`} value={v} ctx={ctx} />)}</ul>
        </details>
      </li>
    );
  }
  return <Leaf name={name} path={path} value={value} ctx={ctx} />;
}

function Leaf({ name, path, value, ctx }: { name: string; path: string; value: unknown; ctx: Ctx }) {
  const secret = value === SECRET_PLACEHOLDER;
  const [revealed, setRevealed] = useState<string | undefined>();
  const [draft, setDraft] = useState<string | undefined>();
  const [error, setError] = useState("");
  const id = `cfg-${path.replace(/[^\w-]/g, "_")}`;
  const masked = secret && revealed === undefined;
  const text = draft ?? revealed ?? JSON.stringify(value);
  return (
    <li class="leaf" data-path={path}>
      <label for={id}>{name}{secret && <span class="badge">secret</span>}</label>
      {masked
        ? <input id={id} type="password" value="••••••••" readOnly aria-label={`${path} (secret, masked)`} />
        : <input id={id} value={text} onInput={(e) => setDraft((e.target as HTMLInputElement).value)} />}
      {masked && <button type="button" aria-label={`Reveal ${path}`} onClick={() => ctx.reveal(path).then(setRevealed, (e: Error) => setError(e.message))}>Reveal</button>}
      {!masked && <button type="button" aria-label={`Save ${path}`} onClick={() => void ctx.set(path, text, secret)}>Save</button>}
      {secret && !masked && <button type="button" aria-label={`Hide ${path}`} onClick={() => { setRevealed(undefined); setDraft(undefined); }}>Hide</button>}
      <button type="button" aria-label={`Delete ${path}`} onClick={() => void ctx.del(path)}>Delete</button>
      <ErrorLine error={error} />
    </li>
  );
}

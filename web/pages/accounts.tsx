// Accounts and rules (admins): the namespace's accounts (create with Auth.Generate, delete) and its access rules
// (create, delete) — Micro's `micro auth` commands as a page. The server decides who may: a non-admin is shown
// its answer (403).
import { useState } from "preact/hooks";
import { rpc } from "../api.js";
import { ErrorLine, formValues, useConfirm, useLoad } from "../ui.js";

interface Account { id: string; type?: string; scopes?: string[]; name?: string; issuer?: string }
interface Rule { id: string; scope?: string; resource?: { type?: string; name?: string; endpoint?: string }; access?: string; priority?: number }

export default function AccountsPage({ namespace }: { namespace: string }) {
  const options = { namespace };
  const accounts = useLoad(() => rpc<{ accounts?: Account[] }>("/auth/accounts/list", namespace, { options }).then((r) => r.accounts ?? []), [namespace]);
  const rules = useLoad(() => rpc<{ rules?: Rule[] }>("/auth/rules/list", namespace, { options }).then((r) => r.rules ?? []), [namespace]);
  const [error, setError] = useState("");
  const [notice, setNotice] = useState("");
  const [confirmDialog, confirm] = useConfirm();
  const act = async (done: string, fn: () => Promise<unknown>, reload: () => void) => {
    setError(""); setNotice("");
    try {
      await fn();
      setNotice(done);
    } catch (err) {
      setError((err as Error).message);
    }
    reload();
  };
  const scopes = (text: string) => text.split(/[\s,]+/).filter(Boolean);
  /** A row's Delete button: asks `question` first, then deletes `what` (an account or a rule) by its id. */
  const remove = async (question: string, what: string, path: string, id: string, reload: () => void) => {
    if (await confirm(question, "Delete")) await act(`Deleted ${what} ${id}`, () => rpc(path, namespace, { id, options }), reload);
  };

  return (
    <main>
      <h1>Accounts and rules <span class="muted">of {namespace}</span></h1>
      <ErrorLine error={error} id="accounts-error" />
      {notice && <p class="notice" role="status" id="accounts-notice">{notice}</p>}
      <section class="card" aria-labelledby="accounts-title">
        <h2 id="accounts-title">Accounts</h2>
        <ErrorLine error={accounts.error} />
        <div class="table-wrap">
          <table id="accounts">
            <thead><tr><th>Id</th><th>Type</th><th>Scopes</th><th>Name</th><th><span class="sr-only">Actions</span></th></tr></thead>
            <tbody>
              {(accounts.data ?? []).map((a) => (
                <tr key={a.id} data-account={a.id}>
                  <td>{a.id}</td><td>{a.type}</td><td>{(a.scopes ?? []).join(", ")}</td><td>{a.name}</td>
                  <td><button type="button" aria-label={`Delete account ${a.id}`}
                    onClick={() => remove(`Delete account ${a.id} of ${namespace}?`, "account", "/auth/accounts/delete", a.id, accounts.reload)}>Delete</button></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <form class="inline" aria-label="Create an account" onSubmit={(e) => {
          const f = formValues(e);
          void act(`Created account ${f.id}`, () => rpc("/auth/auth/generate", namespace,
            { id: f.id, secret: f.secret, type: f.type, scopes: scopes(f.scopes ?? ""), options }), accounts.reload);
        }}>
          <div><label for="acct-id">Id</label><input id="acct-id" name="id" required /></div>
          <div><label for="acct-secret">Password</label><input id="acct-secret" name="secret" type="password" autocomplete="new-password" required /></div>
          <div><label for="acct-type">Type</label><select id="acct-type" name="type"><option>user</option><option>service</option></select></div>
          <div><label for="acct-scopes">Scopes</label><input id="acct-scopes" name="scopes" placeholder="admin" /></div>
          <button type="submit">Create account</button>
        </form>
      </section>
      <section class="card" aria-labelledby="rules-title">
        <h2 id="rules-title">Rules</h2>
        <ErrorLine error={rules.error} />
        <div class="table-wrap">
          <table id="rules">
            <thead><tr><th>Id</th><th>Scope</th><th>Resource</th><th>Access</th><th>Priority</th><th><span class="sr-only">Actions</span></th></tr></thead>
            <tbody>
              {(rules.data ?? []).map((r) => (
                <tr key={r.id} data-rule={r.id}>
                  <td>{r.id}</td><td>{r.scope === "" ? "(anyone)" : r.scope}</td>
                  <td>{r.resource?.type}:{r.resource?.name}:{r.resource?.endpoint}</td><td>{r.access}</td><td>{r.priority ?? 0}</td>
                  <td><button type="button" aria-label={`Delete rule ${r.id}`}
                    onClick={() => remove(`Delete rule ${r.id}?`, "rule", "/auth/rules/delete", r.id, rules.reload)}>Delete</button></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <form class="inline" aria-label="Create a rule" onSubmit={(e) => {
          const f = formValues(e);
          const rule = { id: f.id, scope: f.scope === "(anyone)" ? "" : f.scope, access: f.access, priority: Number(f.priority || 0),
            resource: { type: f.type || "service", name: f.name || "*", endpoint: f.endpoint || "*" } };
          void act(`Created rule ${f.id}`, () => rpc("/auth/rules/create", namespace, { rule, options }), rules.reload);
        }}>
          <div><label for="rule-id">Id</label><input id="rule-id" name="id" required /></div>
          <div><label for="rule-scope">Scope</label><input id="rule-scope" name="scope" placeholder="* (any account), empty for anyone" /></div>
          <div><label for="rule-type">Resource type</label><input id="rule-type" name="type" placeholder="service" /></div>
          <div><label for="rule-name">Resource name</label><input id="rule-name" name="name" placeholder="*" /></div>
          <div><label for="rule-endpoint">Endpoint</label><input id="rule-endpoint" name="endpoint" placeholder="*" /></div>
          <div><label for="rule-access">Access</label><select id="rule-access" name="access"><option>GRANTED</option><option>DENIED</option></select></div>
          <div><label for="rule-priority">Priority</label><input id="rule-priority" name="priority" type="number" step={1} defaultValue="0" /></div>
          <button type="submit">Create rule</button>
        </form>
      </section>
      {confirmDialog}
    </main>
  );
}

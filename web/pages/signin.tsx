// Sign in with an account of a namespace. The answer sets HttpOnly cookies (runtime/web/session.ts): this page
// hands the secret to the server once and keeps nothing.
import { useState } from "preact/hooks";
import { signIn, type Session } from "../api.js";
import { navigate } from "../router.js";

export function SignIn({ onSignedIn, next, namespace }: { onSignedIn: (s: Session) => void; next: string; namespace: string }) {
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    const form = new FormData(e.target as HTMLFormElement);
    setBusy(true);
    setError("");
    try {
      const s = await signIn(String(form.get("namespace") || "micro"), String(form.get("id")), String(form.get("secret")));
      onSignedIn(s);
      navigate(next || "/services");
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <main class="narrow">
      <h1>Sign in</h1>
      <form class="card" onSubmit={submit}>
        <label for="signin-namespace">Namespace</label>
        <input id="signin-namespace" name="namespace" defaultValue={namespace || "micro"} autocomplete="organization" required />
        <label for="signin-id">Account</label>
        <input id="signin-id" name="id" autocomplete="username" required autofocus />
        <label for="signin-secret">Password</label>
        <input id="signin-secret" name="secret" type="password" autocomplete="current-password" required />
        {error && <p class="error" role="alert">{error}</p>}
        <button type="submit" disabled={busy}>{busy ? "Signing in…" : "Sign in"}</button>
      </form>
      <p class="muted">The token is kept in an HttpOnly cookie: scripts on this page cannot read it.</p>
    </main>
  );
}

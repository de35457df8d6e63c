// Small pieces the pages share: loading a call's answer, an error line, a confirmation dialog (the native
// <dialog>: modal, focus kept inside, Escape cancels) and text ⇄ base64 for proto `bytes` fields.
import type { JSX } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";

export interface Loaded<T> { data?: T; error?: string; loading: boolean; reload: () => void }

/** `load()`'s answer, again whenever `deps` change or reload() is called. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: string; loading: boolean }>({ loading: true });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    load().then((data) => live && setState({ data, loading: false }), (err: Error) => live && setState({ error: err.message, loading: false }));
    return () => { live = false; };
  }, [...deps, tick]);
  return { ...state, reload: () => setTick((t) => t + 1) };
}

export function ErrorLine({ error, id }: { error?: string; id?: string }) {
  return error ? <p class="error" role="alert" id={id}>{error}</p> : null;
}

/** A confirmation dialog: `ask(text)` resolves true when confirmed. */
export function useConfirm(): [JSX.Element, (text: string, action?: string) => Promise<boolean>] {
  const ref = useRef<HTMLDialogElement>(null);
  const [text, setText] = useState({ text: "", action: "OK" });
  const answer = useRef<(ok: boolean) => void>(() => undefined);
  const el = (
    <dialog ref={ref} aria-labelledby="confirm-text" onClose={() => answer.current(ref.current?.returnValue === "yes")}>
      <form method="dialog">
        <p id="confirm-text">{text.text}</p>
        <div class="actions">
          <button value="yes" class="primary">{text.action}</button>
          <button value="no" autofocus>Cancel</button>
        </div>
      </form>
    </dialog>
  );
  const ask = (t: string, action = "OK") => new Promise<boolean>((resolve) => {
    answer.current = resolve;
    setText({ text: t, action });
    if (ref.current) { ref.current.returnValue = ""; ref.current.showModal(); }
  });
  return [el, ask];
}

export function toBase64(text: string): string {
  let bin = "";
  for (const b of new TextEncoder().encode(text)) bin += String.fromCharCode(b);
  return btoa(bin);
}

/** Bytes as text when they are UTF-8, else as base64 (said so). */
export function fromBase64(b64: string | undefined): string {
  if (!b64) return "";
  try {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return `(binary, base64) ${b64}`;
  }
}

/** A form's fields by name. */
export function formValues(e: Event): Record<string, string> {
  e.preventDefault();
  const out: Record<string, string> = {};
  for (const [k, v] of new FormData(e.target as HTMLFormElement)) out[k] = String(v);
  return out;
}

// A form generated from a request's JSON Schema: one input per field, by kind — nested messages as fieldsets
// (opened on demand, so recursive messages stay finite), repeated fields and maps as rows with add and remove,
// enums as selects, bools as checkboxes, 64-bit integers as digit strings (proto3 JSON's form), bytes as base64,
// Timestamp and Duration as their JSON strings, anything free-form (Struct, Value, Any) as JSON, a oneof (its
// members marked "x-oneof" by the endpoint schemas) as a choice of one member. Proto comments are each field's
// help text. The value edited is the request's proto3 JSON itself.
import { useState } from "preact/hooks";
import type { Schema } from "../api.js";
import { blank, kindOf, oneofOf, refName, resolve, withKey } from "./schema.js";

interface FieldProps {
  schema: Schema;
  root: Schema;
  value: unknown;
  onChange: (v: unknown) => void;
  /** Field path, for ids and labels ("request.user.name"). */
  path: string;
  label: string;
  /** Messages above this one: a message met again opens only on request. */
  depth: number;
}

const id = (path: string) => `f-${path.replace(/[^\w-]/g, "_")}`;

export function MessageFields({ schema, root, value, onChange, path, depth }: Omit<FieldProps, "label">) {
  const s = resolve(schema, root);
  const props = (s.properties ?? {}) as Record<string, Schema>;
  const obj = (value && typeof value === "object" ? value : {}) as Record<string, unknown>;
  const names = Object.keys(props);
  if (names.length === 0) return <p class="muted">This message has no fields.</p>;
  return (
    <div class="fields">
      {names.map((name) => {
        const oneof = oneofOf(props[name]!);
        if (!oneof) {
          return <Field key={name} schema={props[name]!} root={root} value={obj[name]} path={`${path}.${name}`} label={name} depth={depth}
            onChange={(v) => onChange(withKey(obj, name, v))} />;
        }
        const members = names.filter((n) => oneofOf(props[n]!) === oneof);
        // the group is drawn where its first member is
        return members[0] === name
          ? <OneOf key={`oneof-${oneof}`} name={oneof} members={members} props={props} root={root} obj={obj} onChange={onChange} path={path} depth={depth} />
          : null;
      })}
    </div>
  );
}

/** A oneof: a select of its members (or none), then the chosen member's input. Choosing another clears the rest. */
function OneOf({ name, members, props, root, obj, onChange, path, depth }: {
  name: string; members: string[]; props: Record<string, Schema>; root: Schema; obj: Record<string, unknown>;
  onChange: (v: unknown) => void; path: string; depth: number;
}) {
  const set = members.find((m) => obj[m] !== undefined);
  const [chosen, setChosen] = useState(set ?? "");
  const current = set ?? chosen;
  const only = (member: string, v: unknown) => {
    let next: Record<string, unknown> = obj;
    for (const m of members) next = withKey(next, m, undefined);
    return member ? withKey(next, member, v) : next;
  };
  const fid = id(`${path}.${name}`);
  return (
    <fieldset class="oneof">
      <legend><label for={fid}>{name}</label> <span class="type">one of {members.join(" | ")}</span></legend>
      <select id={fid} value={current} onChange={(e) => {
        const m = (e.target as HTMLSelectElement).value;
        setChosen(m);
        onChange(only(m, undefined));
      }}>
        <option value="">(none)</option>
        {members.map((m) => <option key={m} value={m}>{m}</option>)}
      </select>
      {current && (
        <Field key={current} schema={props[current]!} root={root} value={obj[current]} path={`${path}.${current}`} label={current} depth={depth}
          onChange={(v) => onChange(only(current, v))} />
      )}
    </fieldset>
  );
}

export function Field(p: FieldProps) {
  const s = resolve(p.schema, p.root);
  const kind = kindOf(s);
  const help = (p.schema.description ?? s.description) as string | undefined;
  const fid = id(p.path);
  if (kind === "message") return <MessageField {...p} help={help} />;
  if (kind === "array" || kind === "map") return <Rows {...p} kind={kind} help={help} />;
  return (
    <div class="field">
      <label for={fid}>{p.label} <span class="type">{typeLabel(s, p.schema)}</span></label>
      <Scalar schema={s} value={p.value} onChange={p.onChange} fid={fid} />
      {help && <small class="help">{help}</small>}
    </div>
  );
}

function MessageField(p: FieldProps & { help?: string }) {
  const set = p.value !== undefined;
  const [open, setOpen] = useState(set || p.depth < 1);
  return (
    <fieldset class="message">
      <legend>
        <button type="button" class="toggle" aria-expanded={open} onClick={() => setOpen(!open)}>{open ? "▾" : "▸"} {p.label}</button>
        <span class="type">{refName(p.schema) || "message"}</span>
        {set && <button type="button" class="link" onClick={() => p.onChange(undefined)}>clear</button>}
      </legend>
      {p.help && <small class="help">{p.help}</small>}
      {open && <MessageFields schema={p.schema} root={p.root} value={p.value} onChange={p.onChange} path={p.path} depth={p.depth + 1} />}
    </fieldset>
  );
}

function Rows(p: FieldProps & { kind: "array" | "map"; help?: string }) {
  const s = resolve(p.schema, p.root);
  const item = (p.kind === "array" ? s.items : s.additionalProperties) as Schema;
  const entries: [string, unknown][] = p.kind === "array"
    ? (Array.isArray(p.value) ? p.value : []).map((v, i) => [String(i), v])
    : Object.entries((p.value && typeof p.value === "object" ? p.value : {}) as Record<string, unknown>);
  const emit = (next: [string, unknown][]) => p.onChange(next.length === 0 ? undefined
    : p.kind === "array" ? next.map(([, v]) => v) : Object.fromEntries(next));
  const add = () => {
    let key = p.kind === "array" ? String(entries.length) : "";
    if (p.kind === "map") for (let n = 2; entries.some(([k]) => k === key); n++) key = `key${n}`;
    emit([...entries, [key, blank(item, p.root)]]);
  };
  return (
    <fieldset class="rows">
      <legend>{p.label} <span class="type">{p.kind === "array" ? `repeated ${typeLabel(resolve(item, p.root), item)}` : `map<string, ${typeLabel(resolve(item, p.root), item)}>`}</span></legend>
      {p.help && <small class="help">{p.help}</small>}
      {entries.map(([k, v], i) => (
        <div class="row" key={p.kind === "array" ? i : `${i}`}>
          {p.kind === "map" && (
            <input aria-label={`${p.label} key ${i + 1}`} class="key" value={k} placeholder="key"
              onInput={(e) => emit(entries.map((en, j) => (j === i ? [(e.target as HTMLInputElement).value, en[1]] : en)))} />
          )}
          <div class="cell">
            <Field schema={item} root={p.root} value={v} path={`${p.path}.${i}`} label={p.kind === "array" ? `${p.label}[${i}]` : `${p.label}[${k || "…"}]`} depth={p.depth}
              onChange={(nv) => emit(entries.map((en, j) => (j === i ? [en[0], nv ?? blank(item, p.root)] : en)))} />
          </div>
          <button type="button" class="remove" aria-label={`remove ${p.label} ${p.kind === "array" ? "item" : "entry"} ${i + 1}`}
            onClick={() => emit(entries.filter((_, j) => j !== i))}>✕</button>
        </div>
      ))}
      <button type="button" class="add" onClick={add}>+ add {p.kind === "array" ? "item" : "entry"} to {p.label}</button>
    </fieldset>
  );
}

function Scalar({ schema: s, value, onChange, fid }: { schema: Schema; value: unknown; onChange: (v: unknown) => void; fid: string }) {
  const kind = kindOf(s);
  const text = (e: Event) => (e.target as HTMLInputElement).value;
  switch (kind) {
    case "bool":
      return <input id={fid} type="checkbox" checked={value === true} onChange={(e) => onChange((e.target as HTMLInputElement).checked || undefined)} />;
    case "enum":
      return (
        <select id={fid} value={value === undefined ? "" : String(value)} onChange={(e) => onChange(text(e) || undefined)}>
          <option value="">(unset)</option>
          {(s.enum as string[]).map((v) => <option value={v}>{v}</option>)}
        </select>
      );
    case "int": case "number":
      return <input id={fid} type="number" step={kind === "int" ? 1 : "any"} value={value === undefined ? "" : String(value)}
        onInput={(e) => { const t = text(e); onChange(t === "" || Number.isNaN(Number(t)) ? undefined : Number(t)); }} />;
    case "json":
      return <JsonInput fid={fid} value={value} onChange={onChange} />;
    default: {
      const placeholder = { int64: "digits, e.g. 9007199254740993", bytes: "base64", timestamp: "2025-01-31T12:00:00Z", duration: "1.5s" }[kind as string] ?? "";
      const pattern = { int64: s.format === "uint64" ? "\\d+" : "-?\\d+", duration: "-?\\d+(\\.\\d+)?s" }[kind as string];
      return <input id={fid} type="text" inputMode={kind === "int64" ? "numeric" : undefined} placeholder={placeholder} pattern={pattern}
        value={value === undefined ? "" : String(value)} onInput={(e) => onChange(text(e) === "" ? undefined : text(e))} />;
    }
  }
}

/** Free-form JSON (Struct, Value, ListValue, Any): kept as typed until it parses. */
function JsonInput({ fid, value, onChange }: { fid: string; value: unknown; onChange: (v: unknown) => void }) {
  const [draft, setDraft] = useState(value === undefined ? "" : JSON.stringify(value));
  const [bad, setBad] = useState(false);
  return (
    <textarea id={fid} rows={2} class={bad ? "invalid" : ""} value={draft} placeholder="JSON" onInput={(e) => {
      const t = (e.target as HTMLTextAreaElement).value;
      setDraft(t);
      if (t.trim() === "") { setBad(false); return onChange(undefined); }
      try { onChange(JSON.parse(t)); setBad(false); } catch { setBad(true); }
    }} />
  );
}

function typeLabel(s: Schema, original: Schema): string {
  const name = refName(original);
  const kind = kindOf(s);
  if (name && kind !== "message") return name.replace(/^google\.protobuf\./, "");
  if (kind === "enum") return "enum";
  if (kind === "int") return s.format ?? "integer";
  if (kind === "number") return s.format ?? "number";
  if (kind === "int64") return s.format;
  if (kind === "timestamp") return "Timestamp";
  if (kind === "duration") return "Duration";
  if (kind === "message") return name || "message";
  return kind;
}

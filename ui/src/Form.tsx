import { useState } from 'preact/hooks';
import { ApiError, send } from './api';
import type { Field, FormSpec } from './forms';

export type Choice = { value: string; label: string };

/** "2025-11-18T11:20" from a datetime-local input, read as UTC, to an ISO instant. */
function instant(local: string) {
  return local.length === 16 ? `${local}:00Z` : `${local}Z`;
}

/** Which field an API error names: the first step of its JSON pointer, or the parameter. */
function fieldOf(error: { pointer?: string; parameter?: string; field?: string }) {
  if (error.pointer) return error.pointer.split('/')[1] ?? '';
  return error.parameter ?? error.field ?? '';
}

/**
 * One write through the API: the fields of {@code spec}, the API's own validation messages beside
 * each field, If-Match with the version the page shows, and a clear way out of a 412.
 */
export function Form({ spec, base, version, choices, onDone, onReload }: {
  spec: FormSpec;
  base: string;
  version?: number;
  choices?: Record<string, Choice[]>;
  onDone: (result: unknown) => void;
  onReload?: () => void;
}) {
  const [values, setValues] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    setGeneral(null);
    setConflict(false);
    let path = base + spec.path;
    const query = new URLSearchParams();
    const body: Record<string, unknown> = {};
    for (const f of spec.fields) {
      const raw = (values[f.name] ?? '').trim();
      if (f.in === 'path') path = path.replace(`{${f.name}}`, encodeURIComponent(raw));
      if (!raw) continue;
      const value = f.type === 'instant' ? instant(raw)
        : f.type === 'list' ? raw.split(',').map((x) => x.trim()).filter(Boolean) : raw;
      if (f.in === 'query') query.set(f.name, String(value));
      else if (f.in !== 'path') body[f.name] = value;
    }
    if (query.toString()) path += `?${query}`;
    try {
      const result = await send(spec.method, path, spec.method === 'DELETE' ? undefined : body, version);
      setValues({});
      onDone(result);
    } catch (err) {
      if (err instanceof ApiError && err.status === 412) {
        setConflict(true);
      } else if (err instanceof ApiError && err.errors.length > 0) {
        const named: Record<string, string[]> = {};
        const other: string[] = [];
        for (const x of err.errors) {
          const name = fieldOf(x);
          if (spec.fields.some((f) => f.name === name)) named[name] = [...(named[name] ?? []), x.message];
          else other.push(`${name ? `${name}: ` : ''}${x.message}`);
        }
        setErrors(named);
        setGeneral(other.length ? other.join('; ') : Object.keys(named).length ? null : err.message);
      } else {
        setGeneral(err instanceof ApiError && err.status === 403
          ? 'Your token may only read. Sign in with an editor token to record facts.' : (err as Error).message);
      }
    } finally {
      setBusy(false);
    }
  };

  const input = (f: Field) => {
    const id = `${spec.key}-${f.name}`;
    const common = {
      id, name: f.name, required: f.required, 'aria-invalid': errors[f.name] ? true : undefined,
      'aria-describedby': errors[f.name] ? `${id}-error` : undefined, value: values[f.name] ?? '',
      onInput: (e: Event) => setValues({ ...values, [f.name]: (e.target as HTMLInputElement).value }),
    };
    if (f.type === 'textarea') return <textarea rows={3} {...common} />;
    if (f.type === 'select') {
      const options: Choice[] = f.choices ? choices?.[f.choices] ?? [] : (f.options ?? []).map((o) => ({ value: o, label: o }));
      return (
        <select {...common} onChange={common.onInput}>
          <option value="">{f.required ? 'choose…' : '—'}</option>
          {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
        </select>
      );
    }
    const type = f.type === 'instant' ? 'datetime-local' : f.type === 'date' ? 'date' : f.type === 'url' ? 'url' : 'text';
    return <input type={type} {...common} />;
  };

  return (
    <form class="fact-form" onSubmit={submit} noValidate aria-label={spec.title}>
      {conflict && (
        <div class="conflict" role="alert">
          Someone changed this incident since you opened it. Reload to see their change; what you typed stays here.
          {onReload && <button type="button" onClick={() => { setConflict(false); onReload(); }}>Reload</button>}
        </div>
      )}
      {general && <p class="error" role="alert">{general}</p>}
      {spec.fields.map((f) => (
        <div class="form-field" key={f.name}>
          <label for={`${spec.key}-${f.name}`}>{f.label}{f.required ? ' *' : ''}</label>
          {input(f)}
          {errors[f.name] && <span class="field-error" id={`${spec.key}-${f.name}-error`}>{errors[f.name].join('; ')}</span>}
        </div>
      ))}
      <button type="submit" disabled={busy}>{spec.submit}</button>
    </form>
  );
}

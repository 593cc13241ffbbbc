import { useEffect, useState } from 'preact/hooks';
import { ApiError, send, token } from '../api';
import { Link } from '../nav';

type Outcome = {
  index?: number; id?: string; result?: string; events?: number; version?: number;
  changes?: { pointer: string; command: string }[]; warnings?: unknown[]; errors?: { pointer?: string; message: string }[];
};
type Report = { summary?: Record<string, number>; documents?: Outcome[] };

const TYPES: Record<string, string> = { yaml: 'application/yaml', yml: 'application/yaml', json: 'application/json', ndjson: 'application/x-ndjson' };

function text(x: unknown) {
  return typeof x === 'string' ? x : JSON.stringify(x);
}

/** Drop YAML or JSON postmortem documents; each document's outcome and what it changed are shown. */
export function ImportPage() {
  const [over, setOver] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [report, setReport] = useState<{ file: string; report: Report } | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => { document.title = 'Import · Faultline'; }, []);

  const upload = async (file: File) => {
    const type = TYPES[file.name.split('.').pop()?.toLowerCase() ?? ''];
    setError(null);
    setReport(null);
    if (!type) { setError(`${file.name}: not a .yaml, .yml, .json or .ndjson file.`); return; }
    setBusy(file.name);
    try {
      const result = await send<Report>('POST', '/api/import', await file.text(), undefined, type);
      setReport({ file: file.name, report: result ?? {} });
    } catch (e) {
      if (e instanceof ApiError && e.status === 422) {
        setError(`${file.name}: nothing was imported. ${e.message}`);
        setReport({ file: file.name, report: { documents: [{ errors: e.errors.map((x) => ({ pointer: x.pointer, message: x.message })) }] } });
      } else {
        setError(e instanceof ApiError && e.status === 403 ? 'Importing needs an editor token.' : (e as Error).message);
      }
    } finally {
      setBusy(null);
    }
  };

  return (
    <section class="import">
      <h1>Import postmortems</h1>
      {!token() && <p class="notice">Sign in with an editor token (top right) to import.</p>}
      <p class="meta">YAML or JSON documents in the seed format (see <code>seed-incidents/</code>). A document whose
        incident exists is compared with it: only the differences are recorded, as new events.</p>
      <label class={over ? 'dropzone over' : 'dropzone'}
        onDragOver={(e) => { e.preventDefault(); setOver(true); }} onDragLeave={() => setOver(false)}
        onDrop={(e) => { e.preventDefault(); setOver(false); const f = e.dataTransfer?.files[0]; if (f) upload(f); }}>
        {busy ? `Importing ${busy}…` : 'Drop a .yaml or .json file here, or choose one'}
        <input type="file" accept=".yaml,.yml,.json,.ndjson" class="visually-hidden"
          onChange={(e) => { const f = (e.target as HTMLInputElement).files?.[0]; if (f) upload(f); }} />
      </label>
      {error && <p class="error" role="alert">{error}</p>}
      {report && (
        <div class="report" data-testid="import-report">
          <h2>{report.file}</h2>
          {report.report.summary && <p class="meta">{Object.entries(report.report.summary).map(([k, v]) => `${v} ${k}`).join(' · ')}</p>}
          <ol>
            {(report.report.documents ?? []).map((d, i) => (
              <li key={i}>
                {d.id && <Link href={`/incidents/${d.id}`}>{d.id}</Link>} <span class="badge">{d.result ?? 'failed'}</span>
                {d.events !== undefined && <span class="meta"> {d.events} event{d.events === 1 ? '' : 's'} recorded{d.version ? `, now version ${d.version}` : ''}</span>}
                {(d.changes ?? []).length > 0 && <ul class="diff">{d.changes!.map((c, j) => <li key={j}><code>{c.pointer}</code> {c.command.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()}</li>)}</ul>}
                {(d.warnings ?? []).length > 0 && <ul class="warnings">{d.warnings!.map((w, j) => <li key={j}>{text(w)}</li>)}</ul>}
                {(d.errors ?? []).length > 0 && <ul class="field-error">{d.errors!.map((x, j) => <li key={j}>{x.pointer ? `${x.pointer}: ` : ''}{x.message}</li>)}</ul>}
              </li>
            ))}
          </ol>
        </div>
      )}
    </section>
  );
}

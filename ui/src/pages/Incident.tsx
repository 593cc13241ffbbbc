import { useEffect, useState } from 'preact/hooks';
import { ApiError, get, History, Incident, Recurrences, Related, token } from '../api';
import { FACTS } from '../forms';
import { Choice, Form } from '../Form';
import { Link } from '../nav';
import { duration, when } from '../format';

const MINUTE = 60_000;
const TEMPLATES = ['google-sre', 'atlassian', 'pagerduty'];
const FORMATS = ['markdown', 'html', 'pdf', 'json'];

/** Downloads an export with the token (a plain link could not send it). */
async function download(id: string, template: string, format: string) {
  const response = await fetch(`/api/incidents/${id}/postmortem?template=${template}&format=${format}`, {
    headers: { Authorization: `Bearer ${token() ?? ''}` },
  });
  if (!response.ok) return;
  const url = URL.createObjectURL(await response.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = `${id}-${template}.${format === 'markdown' ? 'md' : format}`;
  a.click();
  URL.revokeObjectURL(url);
}

/** The incident's facts a change form can point at. */
function choices(i: Incident): Record<string, Choice[]> {
  const short = (t: string) => (t.length > 70 ? `${t.slice(0, 69)}…` : t);
  return {
    rootCauses: i.rootCauses.filter((c) => c.status !== 'RULED_OUT').map((c) => ({ value: c.id, label: short(c.summary) })),
    timeline: i.timeline.filter((t) => !t.retracted).map((t) => ({ value: t.id, label: `${when(t.at)} ${short(t.text)}` })),
    remediations: i.remediations.map((r) => ({ value: r.id, label: `${r.status}: ${short(r.description)}` })),
  };
}

export function IncidentPage({ id }: { id: string }) {
  const [full, setFull] = useState<Incident | null>(null);
  const [at, setAt] = useState<number | null>(null); // incident time, ms; null = now
  const [shown, setShown] = useState<Incident | null>(null);
  const [related, setRelated] = useState<Related | null>(null);
  const [record, setRecord] = useState<History | null>(null);
  const [known, setKnown] = useState<number | null>(null); // index of the last event known; null = all
  const [recurrences, setRecurrences] = useState<Recurrences | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loads, setLoads] = useState(0); // moves after a write or a reload
  const [kind, setKind] = useState(FACTS[0].key);
  const [recorded, setRecorded] = useState<string | null>(null);

  useEffect(() => {
    get<Incident>(`/api/incidents/${id}`).then((i) => { setFull(i); setShown(i); document.title = `${i.title} · Faultline`; })
      .catch((e) => setError(e instanceof ApiError && e.status === 404 ? `No incident "${id}".` : e.message));
    get<History>(`/api/incidents/${id}/events`).then(setRecord).catch(() => setRecord(null));
  }, [id, loads]);

  useEffect(() => {
    get<Related>(`/api/incidents/${id}/related?size=5`).then(setRelated).catch(() => setRelated(null));
    get<Recurrences>(`/api/incidents/${id}/recurrence?size=3`).then(setRecurrences).catch(() => setRecurrences(null));
  }, [id]);

  useEffect(() => {
    if (!full) return;
    const knownAt = known === null || !record ? null : record.events[known].recordedAt;
    if (at === null && knownAt === null) { setShown(full); return; }
    const params = new URLSearchParams();
    if (at !== null) params.set('at', new Date(at).toISOString());
    if (knownAt !== null) params.set('knownAt', knownAt);
    const controller = new AbortController();
    const timer = setTimeout(() => {
      get<Incident>(`/api/incidents/${id}?${params}`, controller.signal).then(setShown).catch(() => {});
    }, 100);
    return () => { clearTimeout(timer); controller.abort(); };
  }, [at, known, full]);

  if (error) return <p class="error" role="alert">{error}</p>;
  if (!full || !shown) return <p class="loading">Loading…</p>;

  const start = Date.parse(full.startedAt) - 30 * MINUTE;
  const end = Date.parse(full.resolution?.resolvedAt ?? new Date().toISOString());
  const value = at ?? end;
  const d = shown.derived ?? {};

  return (
    <article class="incident">
      <p class="crumbs"><a href="/" onClick={(e) => { e.preventDefault(); history.back(); }}>← back to search</a></p>
      <h1>{full.title}</h1>
      <p class="meta">{full.organization} · started {when(full.startedAt)} · <span class={`sev ${full.severity}`}>{full.severity}</span> · <strong data-testid="status">{shown.status}</strong></p>
      <dl class="figures" title="Detect and resolve count from the first detection entry; duration from the start to the resolution">
        <div><dt>Time to detect</dt><dd>{duration(d.timeToDetect)}</dd></div>
        <div><dt>Time to mitigate</dt><dd>{duration(d.timeToMitigate)}</dd></div>
        <div><dt>Time to resolve</dt><dd>{duration(d.timeToResolve)}</dd></div>
        <div><dt>Duration</dt><dd>{duration(d.duration)}</dd></div>
      </dl>

      <section class="replay" aria-label="Replay">
        <label for="at">As it stood at <output data-testid="at">{when(new Date(value).toISOString())}</output></label>
        <input id="at" type="range" min={start} max={end} step={MINUTE} value={value}
          onInput={(e) => setAt(Number((e.target as HTMLInputElement).value))} />
        {record && record.events.length > 1 && (
          <>
            <label for="known">As the knowledge base knew it after <output data-testid="known">
              {(() => { const e = record.events[known ?? record.events.length - 1]; return `event ${e.sequence + 1} of ${record.events.length}: ${e.type} (${when(e.recordedAt)})`; })()}
            </output></label>
            <input id="known" type="range" min={0} max={record.events.length - 1} step={1} value={known ?? record.events.length - 1}
              onInput={(e) => setKnown(Number((e.target as HTMLInputElement).value))} />
          </>
        )}
      </section>

      {shown.summary && <p class="summary">{shown.summary}</p>}

      <section>
        <h2>Root causes</h2>
        {shown.rootCauses.length === 0 ? <p class="empty">None identified yet at this time.</p> : (
          <ul class="causes">
            {shown.rootCauses.map((c) => (
              <li key={c.id} data-testid={`cause-${c.id}`} class={c.status === 'RULED_OUT' ? 'ruled-out' : ''}>
                <span class="badge">{c.status.replace('_', ' ')}</span> <span class="text">{c.summary}</span>
                {c.ruledOut?.reason && <div class="why">Ruled out: {c.ruledOut.reason}</div>}
                <div class="labels">{c.labels.map((l) => <code key={l}>{l}</code>)}</div>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section>
        <h2>Timeline</h2>
        <ol class="timeline">
          {shown.timeline.map((t) => (
            <li key={t.id} data-testid={`entry-${t.id}`} class={t.retracted ? 'retracted' : ''}>
              <time>{when(t.at)}</time> <span class="kind">{t.kind}</span>
              {t.confidence && <span class="badge">{t.confidence}</span>} <span class="text">{t.text}</span>
              {t.source && <> <a class="source" href={t.source} rel="noopener noreferrer">source</a></>}
              {t.retracted && <div class="why">Retracted {when(t.retracted.recordedAt)}{t.retracted.reason ? `: ${t.retracted.reason}` : ''}</div>}
              {(t.corrections ?? []).map((c) => (
                <div class="why" key={c.correctedAt}>Corrected {when(c.correctedAt)}{c.reason ? ` (${c.reason})` : ''}; it said: <s>{c.text}</s></div>
              ))}
            </li>
          ))}
        </ol>
      </section>

      {shown.contributingFactors.length > 0 && (
        <section>
          <h2>Contributing factors</h2>
          <ul>{shown.contributingFactors.map((f) => <li key={f.id}>{f.text}</li>)}</ul>
        </section>
      )}

      {shown.impact?.description && (
        <section>
          <h2>Impact</h2>
          <p>{shown.impact.description}</p>
        </section>
      )}

      {shown.statements.length > 0 && (
        <section>
          <h2>What they said</h2>
          {shown.statements.map((s) => (
            <blockquote key={s.id}>“{s.quote}”<footer>— {s.speaker}{s.role ? `, ${s.role}` : ''}</footer></blockquote>
          ))}
        </section>
      )}

      {shown.remediations.length > 0 && (
        <section>
          <h2>Remediations</h2>
          <ul>{shown.remediations.map((r) => <li key={r.id}><span class="badge">{r.status}</span> {r.description}</li>)}</ul>
        </section>
      )}

      {related && related.items.length > 0 && (
        <section>
          <h2>Related incidents</h2>
          <ul class="related">
            {related.items.map((r) => (
              <li key={r.id}>
                <Link href={`/incidents/${r.id}`}>{r.title}</Link>
                <div class="meta">{r.organization} · {r.startedAt.slice(0, 10)} · {r.reasons.slice(0, 2).map((x) => x.detail.split(' — ')[0]).join(', ')}</div>
              </li>
            ))}
          </ul>
        </section>
      )}

      {shown.links.length > 0 && (
        <section>
          <h2>Linked incidents</h2>
          <ul>{shown.links.map((l) => (
            <li key={l.incidentId + l.relation}>{l.relation.replace(/_/g, ' ').toLowerCase()}{' '}
              <Link href={`/incidents/${l.incidentId}`}>{l.incidentId}</Link>
              {l.note ? ` — ${l.note}` : ''}</li>
          ))}</ul>
        </section>
      )}

      {recurrences && recurrences.items.length > 0 && (
        <section>
          <h2>Had we seen this before?</h2>
          <p class="meta">{recurrences.total} earlier incident{recurrences.total === 1 ? '' : 's'} share a root-cause pattern with this one.</p>
          <ul>{recurrences.items.map((r) => (
            <li key={r.earlier.incidentId}>
              <Link href={`/incidents/${r.earlier.incidentId}`}>{r.earlier.title}</Link>
              <div class="meta">{r.earlier.organization} · {r.earlier.startedAt.slice(0, 10)} · {r.sharedPatterns.slice(0, 2).join(', ')}</div>
            </li>
          ))}</ul>
        </section>
      )}

      {record && (
        <details class="history">
          <summary>History: {record.events.length} recorded events</summary>
          <ol>{record.events.map((e) => (
            <li key={e.sequence}><time>{when(e.recordedAt)}</time> {e.type} <span class="meta">by {e.actor} via {e.via}</span></li>
          ))}</ol>
        </details>
      )}

      {token() && (
        <section class="record">
          <h2>Record a fact</h2>
          <p class="meta">Recorded as a new event on version {full.version}; nothing is overwritten, the history keeps every change.</p>
          <label for="fact-kind">What</label>{' '}
          <select id="fact-kind" value={kind} onChange={(e) => { setKind((e.target as HTMLSelectElement).value); setRecorded(null); }}>
            {FACTS.map((f) => <option key={f.key} value={f.key}>{f.title}</option>)}
          </select>
          {recorded && <p class="notice" role="status">{recorded}</p>}
          <Form key={kind} spec={FACTS.find((f) => f.key === kind)!} base={`/api/incidents/${id}`} version={full.version}
            choices={choices(full)} onReload={() => setLoads(loads + 1)}
            onDone={() => { setRecorded(`Recorded: ${FACTS.find((f) => f.key === kind)!.title.toLowerCase()}.`); setAt(null); setKnown(null); setLoads(loads + 1); }} />
        </section>
      )}

      <section>
        <h2>Export the postmortem</h2>
        <div class="exports">
          {TEMPLATES.map((t) => (
            <div key={t}><span>{t}</span>{FORMATS.map((f) => <button key={f} onClick={() => download(id, t, f)}>{f}</button>)}</div>
          ))}
        </div>
      </section>
    </article>
  );
}

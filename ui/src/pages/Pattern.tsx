import { useEffect, useState } from 'preact/hooks';
import { get, PatternDetail } from '../api';
import { duration, problemText, when } from '../format';
import { Link } from '../nav';

/** One pattern: its incidents in time order, the sentences that put each in it, and what each announced. */
export function PatternPage({ patternKey }: { patternKey: string }) {
  const [detail, setDetail] = useState<PatternDetail | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    document.title = `${patternKey} · Faultline`;
    get<PatternDetail>(`/api/patterns/${encodeURIComponent(patternKey)}?size=100`).then(setDetail)
      .catch((e) => setError(problemText(e)));
  }, [patternKey]);

  if (error) return <p class="error" role="alert">{error}</p>;
  if (!detail) return <p class="loading">Loading…</p>;
  const p = detail.pattern;
  return (
    <section class="pattern">
      <p class="crumbs"><Link href="/patterns">← all patterns</Link></p>
      <h1>{p.labels.join(' + ')}</h1>
      <dl class="figures">
        <div><dt>Incidents</dt><dd>{p.incidents}</dd></div>
        <div><dt>Organizations</dt><dd>{p.organizations}</dd></div>
        <div><dt>Seen</dt><dd>{p.firstSeen.slice(0, 10)} – {p.lastSeen.slice(0, 10)}</dd></div>
        <div><dt>Duration p50 / p90</dt><dd>{duration(p.durations.duration.p50)} / {duration(p.durations.duration.p90)}</dd></div>
        <div><dt>Actions done / proposed / abandoned</dt><dd>{p.remediation.done} / {p.remediation.proposed} / {p.remediation.abandoned}</dd></div>
      </dl>
      <p class="meta">{p.organizationNames.join(', ')}</p>
      <ol class="members">
        {detail.incidents.map((m) => (
          <li key={m.incidentId}>
            <Link href={`/incidents/${m.incidentId}`}>{m.title}</Link>
            <div class="meta">{m.organization} · {when(m.startedAt)} · {m.status}</div>
            {m.because.map((b) => (
              <div key={b.label} class="because"><code>{b.label}</code>{b.sentences.map((s) => <p key={s} class="fragment">{s}</p>)}</div>
            ))}
            {m.remediations.length > 0 && (
              <ul class="actions">{m.remediations.map((r) => (
                <li key={r.actionId}><span class="badge">{r.status}</span> <span class="badge">{r.type}</span> {r.description}</li>
              ))}</ul>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}

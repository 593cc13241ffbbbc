import { useEffect, useState } from 'preact/hooks';
import { get, RemediationBoard } from '../api';
import { problemText } from '../format';
import { Link, Pager } from '../nav';

const STATUSES = ['PROPOSED', 'IN_PROGRESS', 'DONE', 'ABANDONED'];
const SIZE = 50;

/** The action board: every remediation across incidents, soonest due (so overdue) first, by status. */
export function RemediationsPage() {
  const initial = new URLSearchParams(window.location.search);
  const [status, setStatus] = useState(initial.get('status') ?? '');
  const [overdue, setOverdue] = useState(initial.get('overdue') === 'true');
  const [page, setPage] = useState(Number(initial.get('page') ?? 0));
  const [board, setBoard] = useState<RemediationBoard | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    document.title = 'Action board · Faultline';
    const params = new URLSearchParams();
    if (status) params.set('status', status);
    if (overdue) params.set('overdue', 'true');
    if (page) params.set('page', String(page));
    history.replaceState(null, '', `/remediations${params.toString() ? `?${params}` : ''}`);
    const api = new URLSearchParams({ size: String(SIZE), page: String(page) });
    if (status) api.set('status', status);
    if (overdue) api.set('overdue', 'true');
    get<RemediationBoard>(`/api/remediations?${api}`).then((b) => { setBoard(b); setError(null); })
      .catch((e) => setError(problemText(e)));
  }, [status, overdue, page]);

  return (
    <section class="board">
      <h1>Action board</h1>
      <p class="meta">Remediation actions announced in postmortems, soonest due first.</p>
      {error && <p class="error" role="alert">{error}</p>}
      <div class="board-filters">
        <label><input type="checkbox" checked={overdue} onChange={() => { setOverdue(!overdue); setPage(0); }} /> overdue only</label>
        <div role="group" aria-label="Status" class="tabs">
          <button aria-pressed={status === ''} onClick={() => { setStatus(''); setPage(0); }}>all</button>
          {STATUSES.map((s) => (
            <button key={s} aria-pressed={status === s} onClick={() => { setStatus(s); setPage(0); }}>
              {s.replace('_', ' ').toLowerCase()} {board ? <span class="count">{board.byStatus[s] ?? 0}</span> : null}
            </button>
          ))}
        </div>
      </div>
      {board && (board.items.length === 0
        ? <p class="empty">{overdue ? 'Nothing overdue. Untick "overdue only" to see every action.' : 'No action matches.'}</p>
        : (
          <table class="board-table">
            <caption class="visually-hidden">Remediation actions</caption>
            <thead><tr><th scope="col">Due</th><th scope="col">Status</th><th scope="col">Action</th><th scope="col">Incident</th><th scope="col">Owner</th></tr></thead>
            <tbody>
              {board.items.map((r) => (
                <tr key={r.incidentId + r.actionId} class={r.overdue ? 'overdue' : ''}>
                  <td>{r.dueDate ?? '—'}{r.overdue && <span class="badge late">overdue</span>}</td>
                  <td><span class="badge">{r.status.replace('_', ' ')}</span></td>
                  <td>{r.description} <span class="meta">{r.type}</span></td>
                  <td><Link href={`/incidents/${r.incidentId}`}>{r.incidentTitle}</Link><div class="meta">{r.organization}</div></td>
                  <td>{r.owner ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      {board && <Pager page={page} size={SIZE} total={board.total} onPage={setPage} />}
    </section>
  );
}

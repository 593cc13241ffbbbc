import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, Facet, get, SearchResult } from '../api';
import { Highlight } from '../Highlight';
import { Link, navigate, Pager } from '../nav';

const PAGE = 10;
/** Filters the API takes once (choosing another value replaces it); labels add up (all must match). */
const SINGLE = ['organization', 'severity', 'year'];
const DIMENSIONS: Record<string, string> = {
  trigger: 'Trigger', defect: 'Defect', component: 'Component', spread: 'Spread', detection: 'Detection',
  response: 'Response', impact: 'Impact',
};

/** The query, filters, sort and page, read from and written to the URL. */
function stateFromUrl() {
  const params = new URLSearchParams(window.location.search);
  return {
    q: params.get('q') ?? '', filters: params.getAll('f'), page: Number(params.get('page') ?? '0'),
    sort: params.get('sort') === 'newest' ? 'newest' : 'relevance',
  };
}

/** The facet groups to show: organization, severity, year, then the labels by dimension. */
function groups(facets: Record<string, Facet[]>): { name: string; title: string; values: Facet[] }[] {
  const shown = [
    { name: 'organization', title: 'Organization', values: facets.organization ?? [] },
    { name: 'severity', title: 'Severity', values: facets.severity ?? [] },
    { name: 'year', title: 'Year', values: facets.year ?? [] },
  ];
  const byDimension = new Map<string, Facet[]>();
  for (const f of facets.label ?? []) {
    const dimension = f.value.split(':')[0];
    byDimension.set(dimension, [...(byDimension.get(dimension) ?? []), f]);
  }
  for (const [dimension, values] of byDimension) {
    shown.push({ name: 'label', title: `Label: ${DIMENSIONS[dimension] ?? dimension}`, values });
  }
  return shown.filter((g) => g.values.length > 0);
}

/** The API's parameters for the UI's filters (a year is a range of start times). */
function apiParams(filters: string[], api: URLSearchParams) {
  for (const f of filters) {
    const [name, ...rest] = f.split(':');
    const value = rest.join(':');
    if (name === 'year') {
      api.set('from', `${value}-01-01`);
      api.set('to', `${Number(value) + 1}-01-01`);
    } else {
      api.append(name, value);
    }
  }
}

/**
 * How far the search index is behind the event store (from the public readiness check), polled while
 * it is behind: on a first start the seed incidents are still being indexed for a minute or so.
 * Returns the lag (0 when caught up) and a counter that moves when indexing finishes.
 */
function useIndexLag(): [number, number] {
  const [lag, setLag] = useState(0);
  const [caughtUp, setCaughtUp] = useState(0);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let behind = false;
    const poll = () => fetch('/q/health/ready').then((r) => r.json()).then((health) => {
      const check = (health.checks ?? []).find((c: { name: string }) => c.name === 'projections');
      const match = /lag (\d+)/.exec(check?.data?.search ?? '');
      const n = match ? Number(match[1]) : 0;
      setLag(n);
      if (n > 0) { behind = true; timer = setTimeout(poll, 2000); }
      else if (behind) { behind = false; setCaughtUp((c) => c + 1); }
    }).catch(() => {});
    poll();
    return () => clearTimeout(timer);
  }, []);
  return [lag, caughtUp];
}

export function SearchPage() {
  const [lag, caughtUp] = useIndexLag();
  const initial = stateFromUrl();
  const [q, setQ] = useState(initial.q);
  const [filters, setFilters] = useState<string[]>(initial.filters);
  const [page, setPage] = useState(initial.page);
  const [sort, setSort] = useState(initial.sort);
  const [result, setResult] = useState<(SearchResult & { q: string }) | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [active, setActive] = useState(-1);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const params = new URLSearchParams();
    if (q) params.set('q', q);
    filters.forEach((f) => params.append('f', f));
    if (sort !== 'relevance') params.set('sort', sort);
    if (page) params.set('page', String(page));
    const url = '/' + (params.toString() ? `?${params}` : '');
    if (url !== window.location.pathname + window.location.search) history.replaceState(null, '', url);

    const api = new URLSearchParams({ size: String(PAGE), page: String(page) });
    if (q.trim()) api.set('q', q.trim());
    if (sort === 'newest') api.set('sort', 'startedAt');
    apiParams(filters, api);
    const controller = new AbortController();
    const timer = setTimeout(() => {
      get<SearchResult>(`/api/search?${api}`, controller.signal)
        .then((r) => { setResult({ ...r, q: q.trim() }); setError(null); setActive(-1); })
        .catch((e) => {
          if (e.name === 'AbortError') return;
          setError(e instanceof ApiError && e.status === 401 ? 'Sign in with an API token to search (top right).' : e.message);
        });
    }, 30); // a search costs the server a few ms: coalesce only bursts (paste, key repeat), not typing
    return () => { clearTimeout(timer); controller.abort(); };
  }, [q, filters, page, sort, caughtUp]);

  const toggle = (filter: string) => {
    setPage(0);
    const name = filter.split(':')[0];
    if (filters.includes(filter)) setFilters(filters.filter((f) => f !== filter));
    else if (SINGLE.includes(name)) setFilters([...filters.filter((f) => !f.startsWith(`${name}:`)), filter]);
    else setFilters([...filters, filter]);
  };

  const onKey = (e: KeyboardEvent) => {
    if (!result) return;
    if (e.key === 'ArrowDown') { e.preventDefault(); setActive(Math.min(active + 1, result.hits.length - 1)); }
    if (e.key === 'ArrowUp') { e.preventDefault(); setActive(Math.max(active - 1, -1)); }
    if (e.key === 'Enter' && active >= 0) navigate(`/incidents/${result.hits[active].id}`);
  };

  return (
    <section class="search">
      <h1 class="visually-hidden">Search incidents</h1>
      <input ref={input} class="query" type="search" aria-label="Search incidents" autofocus value={q}
        placeholder="latent bug after a routine configuration change"
        onInput={(e) => { setQ((e.target as HTMLInputElement).value); setPage(0); }} onKeyDown={onKey} />
      {error && <p class="error" role="alert">{error}</p>}
      {lag > 0 && <p class="notice" role="status">Still indexing: {lag.toLocaleString('en')} recorded events are not searchable yet. Results will fill in by themselves.</p>}
      <div class="results-layout">
        <aside class="facets" aria-label="Filters">
          {result && groups(result.facets).map((g) => (
            <fieldset key={g.title}>
              <legend>{g.title}</legend>
              {g.values.slice(0, 8).map((f) => {
                const filter = `${g.name}:${f.value}`;
                return (
                  <label key={filter} class="facet">
                    <input type={SINGLE.includes(g.name) ? 'radio' : 'checkbox'} name={g.name} checked={filters.includes(filter)}
                      onClick={() => toggle(filter)} />
                    {g.name === 'label' ? f.value.split(':')[1] : f.value} <span class="count">{f.count}</span>
                  </label>
                );
              })}
            </fieldset>
          ))}
          {filters.length > 0 && <button class="link" onClick={() => { setFilters([]); setPage(0); }}>Clear filters</button>}
        </aside>
        <div class="results" aria-live="polite">
          {result && (
            <div class="summary-bar">
              <p class="summary">{result.total === 0
                ? (filters.length ? 'No incident matches. Try fewer words or clear a filter.' : 'No incident matches. Try fewer or other words.')
                : `${result.total} incident${result.total === 1 ? '' : 's'} · ${result.tookMs} ms`}</p>
              <label class="sort">Sort{' '}
                <select value={sort} onChange={(e) => { setSort((e.target as HTMLSelectElement).value); setPage(0); }}>
                  <option value="relevance">best match</option>
                  <option value="newest">newest first</option>
                </select>
              </label>
            </div>
          )}
          <ol class="hits" data-q={result?.q}>
            {result?.hits.map((hit, i) => (
              <li key={hit.id} class={i === active ? 'hit active' : 'hit'}>
                <Link href={`/incidents/${hit.id}`}>
                  {hit.title}
                </Link>
                <div class="meta">{hit.organization} · {hit.startedAt.slice(0, 10)} · <span class={`sev ${hit.severity}`}>{hit.severity}</span> · {hit.status}</div>
                {Object.entries(hit.highlights).slice(0, 2).map(([field, fragments]) => (
                  <p key={field} class="fragment"><span class="field">{field}</span> <Highlight fragment={fragments[0]} /></p>
                ))}
              </li>
            ))}
          </ol>
          {result && <Pager page={page} size={PAGE} total={result.total} onPage={setPage} />}
        </div>
      </div>
    </section>
  );
}

import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, get, SearchResult } from '../api';
import { Highlight } from '../Highlight';
import { Link, navigate } from '../nav';

const FACETS: [string, string][] = [['organization', 'Organization'], ['severity', 'Severity'], ['label', 'Root-cause label']];
const PAGE = 10;

/** The query, filters and page, read from and written to the URL. */
function stateFromUrl() {
  const params = new URLSearchParams(window.location.search);
  return { q: params.get('q') ?? '', filters: params.getAll('f'), page: Number(params.get('page') ?? '0') };
}

export function SearchPage() {
  const initial = stateFromUrl();
  const [q, setQ] = useState(initial.q);
  const [filters, setFilters] = useState<string[]>(initial.filters);
  const [page, setPage] = useState(initial.page);
  const [result, setResult] = useState<(SearchResult & { q: string }) | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [active, setActive] = useState(-1);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const params = new URLSearchParams();
    if (q) params.set('q', q);
    filters.forEach((f) => params.append('f', f));
    if (page) params.set('page', String(page));
    const url = '/' + (params.toString() ? `?${params}` : '');
    if (url !== window.location.pathname + window.location.search) history.replaceState(null, '', url);

    const api = new URLSearchParams({ size: String(PAGE), page: String(page) });
    if (q.trim()) api.set('q', q.trim());
    filters.forEach((f) => {
      const [name, ...value] = f.split(':');
      api.append(name, value.join(':'));
    });
    const controller = new AbortController();
    const timer = setTimeout(() => {
      get<SearchResult>(`/api/search?${api}`, controller.signal)
        .then((r) => { setResult({ ...r, q: q.trim() }); setError(null); setActive(-1); })
        .catch((e) => {
          if (e.name === 'AbortError') return;
          setError(e instanceof ApiError && e.status === 401 ? 'Sign in with an API token to search (top right).' : e.message);
        });
    }, 150); // debounce: one request per pause in typing
    return () => { clearTimeout(timer); controller.abort(); };
  }, [q, filters, page]);

  const toggle = (filter: string) => {
    setPage(0);
    setFilters(filters.includes(filter) ? filters.filter((f) => f !== filter) : [...filters, filter]);
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
      <div class="results-layout">
        <aside class="facets" aria-label="Filters">
          {result && FACETS.map(([name, title]) => (result.facets[name]?.length ? (
            <fieldset key={name}>
              <legend>{title}</legend>
              {result.facets[name].slice(0, 8).map((f) => {
                const filter = `${name}:${f.value}`;
                return (
                  <label key={filter} class="facet">
                    <input type="checkbox" checked={filters.includes(filter)} onChange={() => toggle(filter)} />
                    {f.value} <span class="count">{f.count}</span>
                  </label>
                );
              })}
            </fieldset>
          ) : null))}
        </aside>
        <div class="results" aria-live="polite">
          {result && (
            <p class="summary">{result.total === 0 ? 'No incident matches. Try fewer words or remove a filter.'
              : `${result.total} incident${result.total === 1 ? '' : 's'} · ${result.tookMs} ms`}</p>
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
          {result && result.total > PAGE && (
            <nav class="pager" aria-label="Pages">
              <button disabled={page === 0} onClick={() => setPage(page - 1)}>Previous</button>
              <span>page {page + 1} of {Math.ceil(result.total / PAGE)}</span>
              <button disabled={(page + 1) * PAGE >= result.total} onClick={() => setPage(page + 1)}>Next</button>
            </nav>
          )}
        </div>
      </div>
    </section>
  );
}

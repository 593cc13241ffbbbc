import { JSX, render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiError, get, signIn, signOut, token } from './api';
import { SearchPage } from './pages/Search';
import { IncidentPage } from './pages/Incident';
import { RemediationsPage } from './pages/Remediations';
import { PatternPage } from './pages/Pattern';
import { DeclarePage } from './pages/Declare';
import { ImportPage } from './pages/Import';
import { Link } from './nav';
import './styles.css';


function useLocation() {
  const [location, setLocation] = useState(() => window.location.pathname + window.location.search);
  useEffect(() => {
    const update = () => setLocation(window.location.pathname + window.location.search);
    addEventListener('popstate', update);
    return () => removeEventListener('popstate', update);
  }, []);
  return location;
}

function SignIn({ onSignedIn }: { onSignedIn: () => void }) {
  const [value, setValue] = useState('');
  return (
    <form
      class="signin"
      onSubmit={(e) => {
        e.preventDefault();
        if (value.trim()) {
          signIn(value);
          onSignedIn();
        }
      }}
    >
      <label for="token">API token</label>
      <input id="token" type="password" autocomplete="off" value={value} placeholder="fl_…"
        onInput={(e) => setValue((e.target as HTMLInputElement).value)} />
      <button type="submit">Sign in</button>
    </form>
  );
}

/** A page loaded on first use (the patterns chart library stays out of the first page's script). */
function Lazy({ load }: { load: () => Promise<() => JSX.Element> }) {
  const [Page, setPage] = useState<(() => JSX.Element) | null>(null);
  useEffect(() => { load().then((page) => setPage(() => page)); }, []);
  return Page ? <Page /> : <p class="loading">Loading…</p>;
}

const PATTERNS = () => import('./pages/Patterns').then((m) => m.PatternsPage);

function page(path: string, location: string, signedIn: boolean) {
  const incident = path.match(/^\/incidents\/([a-z0-9][a-z0-9-]*)$/);
  if (incident) return <IncidentPage key={location} id={incident[1]} />;
  const pattern = path.match(/^\/patterns\/([^/]+)$/);
  if (pattern) return <PatternPage key={location} patternKey={decodeURIComponent(pattern[1])} />;
  if (path === '/patterns') return <Lazy key={signedIn ? 'in' : 'out'} load={PATTERNS} />;
  if (path === '/remediations') return <RemediationsPage key={signedIn ? 'in' : 'out'} />;
  if (path === '/new') return <DeclarePage key={signedIn ? 'in' : 'out'} />;
  if (path === '/import') return <ImportPage key={signedIn ? 'in' : 'out'} />;
  return <SearchPage key={signedIn ? 'in' : 'out'} />;
}

function App() {
  const location = useLocation();
  const [signedIn, setSignedIn] = useState(token() !== null);
  const [me, setMe] = useState<{ actor: string; role: string } | null>(null);
  const [refused, setRefused] = useState(false);
  useEffect(() => {
    setMe(null);
    if (!signedIn) return;
    get<{ actor: string; role: string }>('/api/me').then((m) => { setMe(m); setRefused(false); })
      .catch((e) => { if (e instanceof ApiError && e.status === 401) { signOut(); setSignedIn(false); setRefused(true); } });
  }, [signedIn]);
  const path = location.split('?')[0];
  return (
    <>
      <header class="top">
        <Link class="brand" href="/">Faultline</Link>
        <nav class="sections" aria-label="Sections">
          <Link href="/">Search</Link>
          <Link href="/patterns">Patterns</Link>
          <Link href="/remediations">Action board</Link>
          <Link href="/new">Declare</Link>
          <Link href="/import">Import</Link>
        </nav>
        <span class="tagline">outages, linked by root cause</span>
        {signedIn ? (
          <span class="who">{me && <span data-testid="who">{me.actor} <span class="badge">{me.role}</span></span>}
            <button class="link" onClick={() => { signOut(); setSignedIn(false); }}>Sign out</button></span>
        ) : (
          <>{refused && <span class="error" role="alert">That token was refused.</span>}<SignIn onSignedIn={() => setSignedIn(true)} /></>
        )}
      </header>
      <main>
        {page(path, location, signedIn)}
      </main>
    </>
  );
}

render(<App />, document.getElementById('app')!);

import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { signIn, signOut, token } from './api';
import { SearchPage } from './pages/Search';
import { IncidentPage } from './pages/Incident';
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

function App() {
  const location = useLocation();
  const [signedIn, setSignedIn] = useState(token() !== null);
  const path = location.split('?')[0];
  const incident = path.match(/^\/incidents\/([a-z0-9][a-z0-9-]*)$/);
  return (
    <>
      <header class="top">
        <Link class="brand" href="/">Faultline</Link>
        <span class="tagline">outages, linked by root cause</span>
        {signedIn ? (
          <button class="link" onClick={() => { signOut(); setSignedIn(false); }}>Sign out</button>
        ) : (
          <SignIn onSignedIn={() => setSignedIn(true)} />
        )}
      </header>
      <main>
        {incident ? <IncidentPage key={location} id={incident[1]} /> : <SearchPage key={signedIn ? 'in' : 'out'} />}
      </main>
    </>
  );
}

render(<App />, document.getElementById('app')!);

import { useEffect } from 'preact/hooks';
import { DECLARE } from '../forms';
import { Form } from '../Form';
import { navigate } from '../nav';
import { token } from '../api';

/** Declare a new incident; its page opens once it is recorded. */
export function DeclarePage() {
  useEffect(() => { document.title = 'Declare an incident · Faultline'; }, []);
  return (
    <section class="declare">
      <h1>Declare an incident</h1>
      {!token() && <p class="notice">Sign in with an editor token (top right) to record incidents.</p>}
      <p class="meta">Times are UTC. Everything else (timeline, causes, quotes, actions) is recorded on the incident's page.</p>
      <Form spec={DECLARE} base="" onDone={(r) => navigate(`/incidents/${(r as { incidentId: string }).incidentId}`)} />
    </section>
  );
}

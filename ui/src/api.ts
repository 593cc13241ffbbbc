// The API client: every call carries the token the user signed in with. The token lives in
// sessionStorage, which only this origin's scripts can read, and is gone when the tab closes.
const TOKEN_KEY = 'faultline.token';

export function token(): string | null {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function signIn(value: string) {
  sessionStorage.setItem(TOKEN_KEY, value.trim());
}

export function signOut() {
  sessionStorage.removeItem(TOKEN_KEY);
}

/** An RFC 9457 problem from the API, or a network failure. */
export class ApiError extends Error {
  constructor(public status: number, message: string, public errors: { pointer?: string; parameter?: string; message: string }[] = []) {
    super(message);
  }
}

export async function get<T>(path: string, signal?: AbortSignal): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const t = token();
  if (t) headers.Authorization = `Bearer ${t}`;
  let response: Response;
  try {
    response = await fetch(path, { headers, signal });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, 'Faultline cannot be reached. Is the server running?');
  }
  if (!response.ok) {
    let detail = response.statusText;
    let errors = [];
    try {
      const problem = await response.json();
      detail = problem.detail ?? detail;
      errors = problem.errors ?? [];
    } catch {
      /* not a problem document */
    }
    throw new ApiError(response.status, detail, errors);
  }
  return response.json() as Promise<T>;
}

export interface SearchHit {
  id: string;
  title: string;
  organization: string;
  startedAt: string;
  severity: string;
  status: string;
  highlights: Record<string, string[]>;
}

export interface Facet {
  value: string;
  count: number;
}

export interface SearchResult {
  total: number;
  tookMs: number;
  hits: SearchHit[];
  facets: Record<string, Facet[]>;
}

export interface TimelineEntry {
  id: string;
  at: string;
  kind: string;
  text: string;
  source?: string;
  confidence?: string;
  retracted?: { reason?: string } | null;
}

export interface RootCause {
  id: string;
  summary: string;
  labels: string[];
  status: string;
  confidence?: string;
  ruledOut?: { at?: string; reason?: string } | null;
}

export interface Incident {
  id: string;
  version: number;
  title: string;
  organization: string;
  severity: string;
  status: string;
  startedAt: string;
  summary?: string;
  sources?: string[];
  timeline: TimelineEntry[];
  statements: { id: string; speaker: string; role?: string; quote: string; at?: string; source?: string }[];
  rootCauses: RootCause[];
  contributingFactors: { id: string; text: string; labels: string[] }[];
  remediations: { id: string; description: string; type: string; status: string; owner?: string }[];
  resolution?: { resolvedAt: string; how?: string } | null;
  impact?: { description?: string; affectedServices?: string[] } | null;
  declaredAt: string;
  lastRecordedAt: string;
  derived?: Record<string, string>;
  links: { incidentId: string; relation: string; note?: string }[];
}

export interface Related {
  items: { id: string; title: string; organization: string; startedAt: string; score: number; reasons: { kind: string; detail: string }[] }[];
}

export interface History {
  events: { type: string; sequence: number; recordedAt: string; actor: string; via: string }[];
}

export interface Recurrences {
  total: number;
  items: { earlier: { incidentId: string; title: string; organization: string; startedAt: string }; sharedPatterns: string[] }[];
}

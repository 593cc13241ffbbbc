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

function headers(extra: Record<string, string> = {}) {
  const h: Record<string, string> = { Accept: 'application/json', ...extra };
  const t = token();
  if (t) h.Authorization = `Bearer ${t}`;
  return h;
}

async function call(path: string, init: RequestInit): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, 'Faultline cannot be reached. Is the server running?');
  }
  if (!response.ok) {
    let detail = response.statusText;
    let errors = [];
    try {
      const problem = await response.json();
      detail = problem.detail ?? problem.title ?? detail;
      errors = problem.errors ?? [];
    } catch {
      /* not a problem document */
    }
    throw new ApiError(response.status, detail, errors);
  }
  return response;
}

export async function get<T>(path: string, signal?: AbortSignal): Promise<T> {
  return (await call(path, { headers: headers(), signal })).json() as Promise<T>;
}

/**
 * A write. {@code version}: the incident version the user saw, sent as If-Match, so a change made
 * by someone else in between is a 412 instead of being overwritten unseen.
 */
export async function send<T>(method: string, path: string, body?: unknown, version?: number,
  contentType = 'application/json'): Promise<T | null> {
  const extra: Record<string, string> = {};
  if (body !== undefined) extra['Content-Type'] = contentType;
  if (version !== undefined) extra['If-Match'] = `"${version}"`;
  const response = await call(path, {
    method, headers: headers(extra),
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  return response.status === 204 ? null : (response.json() as Promise<T>);
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
  retracted?: { recordedAt: string; reason?: string } | null;
  corrections?: { text: string; correctedAt: string; reason?: string }[];
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

export interface Distribution { p50?: string | null; p90?: string | null; n: number }

export interface PatternSummary {
  key: string;
  kind: string;
  labels: string[];
  incidents: number;
  organizations: number;
  organizationNames: string[];
  firstSeen: string;
  lastSeen: string;
  perYear: { year: number; count: number }[];
  durations: { detect: Distribution; mitigate: Distribution; duration: Distribution };
  remediation: { proposed: number; open: number; done: number; abandoned: number };
}

export interface PatternDetail {
  pattern: PatternSummary;
  page: number;
  size: number;
  incidents: {
    incidentId: string; title: string; organization: string; startedAt: string; status: string;
    because: { label: string; sentences: string[] }[];
    remediations: { actionId: string; description: string; type: string; status: string; owner?: string; dueDate?: string }[];
  }[];
}

export interface RemediationBoard {
  total: number;
  page: number;
  size: number;
  byStatus: Record<string, number>;
  items: {
    incidentId: string; incidentTitle: string; organization: string; actionId: string; description: string;
    type: string; owner?: string; dueDate?: string; status: string; overdue: boolean;
  }[];
}

/** One page of a longer list. */
export interface Page<T> { total: number; page: number; size: number; items: T[] }

import { ApiError } from './api';

/** An ISO-8601 duration (PT2H30M, P1DT3H) in words a reader scans: "1 d 3 h", "2 h 30 min". */
export function duration(iso?: string | null) {
  if (!iso) return '—';
  const m = iso.match(/^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:[\d.]+S)?)?$/);
  if (!m) return iso;
  return [m[1] && `${m[1]} d`, m[2] && `${m[2]} h`, m[3] && `${m[3]} min`].filter(Boolean).join(' ') || '< 1 min';
}

/** An instant as "2025-11-18 11:20 UTC". */
export function when(iso: string) {
  return iso.replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, ' UTC');
}

/** What to tell the reader about a failed call. */
export function problemText(e: unknown) {
  if (e instanceof ApiError && e.status === 401) return 'Sign in with an API token to read the catalogue (top right).';
  return (e as Error).message;
}

import type { ResultsPayload } from '../payload.ts';

/** The data an exported page carries inline, else the server's `/api/results`. */
export async function loadPayload(): Promise<ResultsPayload> {
  const inline = document.getElementById('tvp-data');
  if (inline?.textContent) return JSON.parse(inline.textContent) as ResultsPayload;
  const res = await fetch('/api/results', { cache: 'no-store' });
  if (!res.ok) throw new Error(`GET /api/results: HTTP ${res.status}`);
  return (await res.json()) as ResultsPayload;
}

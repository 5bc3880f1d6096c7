import { isLoopback } from '../src/loopback.ts';

/** One request of a load run. */
export interface LoadRequest {
  path: string;
  init?: RequestInit;
}

/** What came back. */
export interface LoadOutcome {
  path: string;
  status: number;
  error?: string;
}

/**
 * Send `requests` to a local server, at most `concurrency` at once. Bounded by construction (a
 * fixed list) and refuses any host but loopback: a load generator must never point elsewhere.
 */
export async function loadRun(base: string, requests: LoadRequest[], concurrency: number): Promise<LoadOutcome[]> {
  if (!isLoopback(new URL(base).hostname)) throw new Error(`load runs target loopback only, not ${base}`);
  if (requests.length > 1000) throw new Error('a load run is bounded to 1000 requests');
  const out: LoadOutcome[] = new Array(requests.length);
  let next = 0;
  const worker = async () => {
    while (next < requests.length) {
      const i = next++;
      const r = requests[i]!;
      try {
        const res = await fetch(new URL(r.path, base), r.init);
        await res.arrayBuffer();
        out[i] = { path: r.path, status: res.status };
      } catch (err) {
        out[i] = { path: r.path, status: 0, error: (err as Error).message };
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return out;
}

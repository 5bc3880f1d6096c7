import type { ResultStore } from './store.ts';

const now = () => JSON.stringify(new Date().toISOString());

/**
 * `ResultsPayload` as JSON text, assembled from each run's cached JSON so that a folder of a
 * thousand runs is not serialized again on every request.
 */
export async function payloadJson(store: ResultStore): Promise<string> {
  const snap = await store.snapshot();
  return `{"generatedAt":${now()},"runs":[${snap.runs.map((r) => r.resultJson).join(',')}],"skipped":${JSON.stringify(snap.skipped)}}`;
}

/** `IndexPayload` as JSON text: what the page needs to list and choose runs. */
export async function indexJson(store: ResultStore): Promise<string> {
  const snap = await store.snapshot();
  return `{"generatedAt":${now()},"runs":${JSON.stringify(snap.runs.map((r) => r.meta))},"skipped":${JSON.stringify(snap.skipped)}}`;
}

/** `InlineData` as JSON text: the index and every run, for an exported page. */
export async function inlineJson(store: ResultStore): Promise<string> {
  const snap = await store.snapshot();
  const runs = snap.runs.map((r) => `${JSON.stringify(r.meta.id)}:${r.json}`).join(',');
  return `{"index":${await indexJson(store)},"runs":{${runs}}}`;
}

import type { ResultStore } from './store.ts';

/**
 * The `ResultsPayload` of the folder as JSON text, assembled from each run's cached JSON so that a
 * folder of a thousand runs is not serialized again on every request.
 */
export async function payloadJson(store: ResultStore): Promise<string> {
  const snap = await store.snapshot();
  const generatedAt = JSON.stringify(new Date().toISOString());
  return `{"generatedAt":${generatedAt},"runs":[${snap.runJson.join(',')}],"skipped":${JSON.stringify(snap.skipped)}}`;
}

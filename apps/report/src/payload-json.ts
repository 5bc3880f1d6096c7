import type { PageStart } from './paging.ts';
import { pageOf } from './paging.ts';
import type { ResultStore, Snapshot } from './store.ts';

const now = () => JSON.stringify(new Date().toISOString());

/**
 * One page of `ResultsPayload` as a stream of JSON text: each run is read through the store (not
 * kept in its cache) and written out before the next is read, so no page is held whole in memory
 * and no request builds one document of every run. `next` is the cursor of the following page.
 */
export async function payloadStream(
  store: ResultStore,
  limit: number,
  start: PageStart,
): Promise<ReadableStream<Uint8Array>> {
  const snap = await store.snapshot();
  const { page, next } = pageOf(snap.runs, limit, start);
  const enc = new TextEncoder();
  let i = 0;
  let written = 0;
  return new ReadableStream<Uint8Array>({
    start(ctl) {
      ctl.enqueue(enc.encode(`{"generatedAt":${now()},"total":${snap.runs.length},"runs":[`));
    },
    async pull(ctl) {
      while (i < page.length) {
        const summary = page[i]!;
        const run = await store.load(summary.meta.file, false);
        i++;
        // A file removed since the listing is left out; the next listing drops it from the index too.
        if (run) {
          ctl.enqueue(enc.encode((written++ > 0 ? ',' : '') + run.resultJson));
          return;
        }
      }
      ctl.enqueue(enc.encode(`],"skipped":${JSON.stringify(snap.skipped)},"next":${JSON.stringify(next ?? null)}}`));
      ctl.close();
    },
  });
}

/** `IndexPayload` as JSON text: what the page needs to list and choose runs. */
export async function indexJson(store: ResultStore): Promise<string> {
  const snap = await store.snapshot();
  let body = listed.get(snap);
  if (body === undefined) {
    body = `"runs":${JSON.stringify(snap.runs.map((r) => r.meta))},"skipped":${JSON.stringify(snap.skipped)}}`;
    listed.set(snap, body);
  }
  return `{"generatedAt":${now()},${body}`;
}

// The index's JSON per listing: 10,000 metas are serialized once, not on every page load.
const listed = new WeakMap<Snapshot, string>();

/** `InlineData` as JSON text: the index and every run, for an exported page. Runs are read one at a time. */
export async function inlineJson(store: ResultStore): Promise<string> {
  const snap = await store.snapshot();
  const parts: string[] = [];
  for (const summary of snap.runs) {
    const run = await store.load(summary.meta.file, false);
    if (run) parts.push(`${JSON.stringify(summary.meta.id)}:${run.json}`);
  }
  return `{"index":${await indexJson(store)},"runs":{${parts.join(',')}}}`;
}

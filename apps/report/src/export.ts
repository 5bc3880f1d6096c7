import { UsageError, writeAtomic } from '@tvp/core';
import { type Assets, loadAssets } from './assets.ts';
import { exportedPage } from './page/html.ts';
import { inlineJson } from './payload-json.ts';
import { type Log, ResultStore } from './store.ts';

/** What an export wrote. */
export interface Exported {
  file: string;
  runs: number;
  skipped: number;
  bytes: number;
}

/**
 * Write the report of `resultsDir` as one self-contained HTML file (atomically) that opens offline;
 * a folder with no readable run is a `UsageError` and writes nothing.
 */
export async function exportReport(
  resultsDir: string,
  file: string,
  log?: Log,
  assets: () => Promise<Assets> = loadAssets,
): Promise<Exported> {
  // One read, then the process ends: no watcher, and no saved index written into the user's folder.
  const store = new ResultStore(resultsDir, log, { watch: false, persist: false });
  const snap = await store.snapshot();
  // A page of nothing is not a report: refuse before writing anything.
  if (snap.runs.length === 0) {
    const why =
      snap.skipped.length > 0
        ? `none of the ${snap.skipped.length} file(s) in ${resultsDir} could be read`
        : `there is no result file in ${resultsDir}`;
    throw new UsageError(`nothing to export: ${why}`);
  }
  const html = exportedPage(await assets(), await inlineJson(store));
  const bytes = new TextEncoder().encode(html);
  await writeAtomic(file, bytes);
  return { file, runs: snap.runs.length, skipped: snap.skipped.length, bytes: bytes.byteLength };
}

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { decodeResult, type ResultFile } from '@tvp/core';
import { recommend, recommendationText } from '@tvp/core/analysis';

// The bench's last lines: after minutes of tables, one per runtime, the answer of each runtime
// together, where the files are, and how to look at them.

/** The folder the runners wrote to: the last `--out` (relative to where the user ran), else `results/` at the root. */
export function outDirOf(runnerArgs: readonly string[], root: string, userCwd: string): string {
  let out: string | undefined;
  for (let i = 0; i < runnerArgs.length; i++) {
    const a = runnerArgs[i] as string;
    if (a === '--out' && runnerArgs[i + 1] !== undefined) out = runnerArgs[i + 1];
    else if (a.startsWith('--out=')) out = a.slice('--out='.length);
  }
  return out === undefined ? path.join(root, 'results') : path.resolve(userCwd, out);
}

/** This bench's readable files in `dir`, oldest first; none when the folder is missing. */
export function batchRuns(dir: string, batchId: string): ResultFile[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((f) => f.endsWith('.msgpack'));
  } catch {
    return [];
  }
  return names
    .flatMap((name) => {
      try {
        const r = decodeResult(readFileSync(path.join(dir, name)), name);
        return r.batch?.id === batchId ? [r] : [];
      } catch {
        return [];
      }
    })
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/**
 * The answer per runtime (its newest run of the batch: with several rounds, the report pools
 * them), then where the files are and the commands that show them. `dirShown` is the folder as
 * the user would type it.
 */
export function closingText(runs: readonly ResultFile[], dirShown: string, rounds: number, defaultDir = true): string {
  const newest = new Map<string, ResultFile>();
  for (const r of runs) newest.set(r.env.runtime, r);
  const lines: string[] = [];
  if (newest.size > 0) {
    const which =
      rounds > 1 ? `its last of ${rounds} rounds; pnpm report pools them` : 'the tables above have the evidence';
    lines.push(`bench: the answer per runtime on this machine (${which}):`);
    for (const r of newest.values()) {
      lines.push(`  ${r.env.runtime} ${r.env.runtimeVersion}`);
      for (const rec of recommend(r)) lines.push(`    ${recommendationText(rec)}`);
    }
  }
  // The tools read results/ at the root unless told; a folder of the user's is passed on.
  const q = /^[\w./@:+-]+$/.test(dirShown) ? dirShown : `'${dirShown.replaceAll("'", `'\\''`)}'`;
  const [report, summary, compare] = defaultDir
    ? ['pnpm report', 'pnpm summary', 'pnpm compare -- latest:node latest:bun']
    : [
        `pnpm report -- --results ${q}`,
        `pnpm summary -- ${q}`,
        `pnpm compare -- latest:node latest:bun --results ${q}`,
      ];
  lines.push(
    `bench: ${runs.length} file(s) of this bench in ${dirShown} · ${report}: the charts at http://127.0.0.1:8080 · ` +
      `${summary}: the answer as Markdown · ${compare}: one runtime against another`,
  );
  return `${lines.join('\n')}\n`;
}

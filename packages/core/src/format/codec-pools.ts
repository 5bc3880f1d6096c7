import { type FieldReader, type Holder, type Key, members, path } from './codec-reader.ts';
import type { Cell, PoolKind, ResultFile, WarmStart } from './types.ts';

/** `config.pools`' values. */
export const POOL_KINDS = members<PoolKind>({ cold: true, warm: true });
const WARM = members<'warm'>({ warm: true });
/** A spawn or teardown longer than a day is a broken writer, not a slow start. */
const MAX_WARM_START_MS = 86_400_000;

/** `config.pools`: one or both pool lifetimes, each once. */
export function readPools(r: FieldReader, h: Holder, parent: string, key: Key): PoolKind[] {
  const pools = r.list(h, parent, key, POOL_KINDS.length, (l, g, i) => r.oneOf(l, g, i, POOL_KINDS));
  const f = path(parent, key);
  if (pools.length === 0) r.fail(f, 'empty; expected cold, warm or both');
  if (new Set(pools).size !== pools.length) r.fail(f, `${pools.join(', ')} names a pool twice`);
  return pools;
}

/** `cells[i].pool`: only `warm` is written (a cold cell has no field). */
export const readCellPool = (r: FieldReader, h: Holder, parent: string, key: Key): 'warm' =>
  r.oneOf(h, parent, key, WARM);

/** `cells[i].warmStart`: the warm cell's one spawn and one teardown, ms. */
export function readWarmStart(r: FieldReader, h: Holder, parent: string, key: Key): WarmStart {
  const o = r.map(h, parent, key);
  const f = path(parent, key);
  return {
    spawnMs: r.num(o, f, 'spawnMs', 0, MAX_WARM_START_MS),
    teardownMs: r.num(o, f, 'teardownMs', 0, MAX_WARM_START_MS),
  };
}

/**
 * What a cell's pool fields must agree with: only worker cells are warm, only warm cells have a
 * `warmStart`, a warm sample is work alone (spawn and teardown 0, total = work), so that no reader
 * can take a warm sample for a cold one's spawn.
 */
export function checkCellPool(r: FieldReader, cell: Cell, f: string): void {
  const main = cell.mode === 'sequential' || cell.mode === 'async';
  if (cell.pool === 'warm' && main) r.fail(path(f, 'pool'), `the ${cell.mode} baseline has no workers to keep warm`);
  if (cell.warmStart && cell.pool !== 'warm') r.fail(path(f, 'warmStart'), 'only a warm cell (pool: warm) has one');
  if (cell.pool !== 'warm') return;
  for (const [i, s] of cell.samples.entries()) {
    const g = path(path(f, 'samples'), i);
    if (s.spawnMs !== 0) r.fail(path(g, 'spawnMs'), `a warm cell's sample has no spawn (0), got ${s.spawnMs}`);
    if (s.teardownMs !== 0)
      r.fail(path(g, 'teardownMs'), `a warm cell's sample has no teardown (0), got ${s.teardownMs}`);
    if (s.totalMs !== s.workMs)
      r.fail(path(g, 'totalMs'), `a warm cell's total is its work (${s.workMs}), got ${s.totalMs}`);
  }
}

/** A warm cell in a file whose config did not run warm pools is a broken writer. */
export function checkPoolsAgree(r: FieldReader, file: Pick<ResultFile, 'config' | 'cells'>): void {
  const pools = file.config.pools ?? ['cold'];
  const i = file.cells.findIndex((c) => c.pool === 'warm');
  if (i >= 0 && !pools.includes('warm')) {
    r.fail(`cells[${i}].pool`, `warm, but config.pools is ${pools.join(', ')}`);
  }
}

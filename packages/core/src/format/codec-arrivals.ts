import { MAX_ARRIVAL_RATE, MAX_ARRIVAL_RATES, MIN_ARRIVAL_RATE } from '../constants.ts';
import { type FieldReader, type Holder, type Key, members, path } from './codec-reader.ts';
import { readPercentiles } from './codec-task-times.ts';
import type { ArrivalConfig, ArrivalKind, ArrivalLoopDelay, ArrivalPoint } from './types.ts';

/** How arrivals can be spaced. */
export const ARRIVAL_KINDS = members<ArrivalKind>({ poisson: true, fixed: true });

const rate = (r: FieldReader, h: Holder, f: string, k: Key) => r.num(h, f, k, MIN_ARRIVAL_RATE, MAX_ARRIVAL_RATE);

/** `config.arrival`. */
export function readArrivalConfig(r: FieldReader, h: Holder, parent: string, key: Key): ArrivalConfig {
  const o = r.map(h, parent, key);
  const f = path(parent, key);
  return {
    rates: r.list(o, f, 'rates', MAX_ARRIVAL_RATES, (l, g, i) => rate(r, l, g, i)),
    kind: r.oneOf(o, f, 'kind', ARRIVAL_KINDS),
    seed: r.int(o, f, 'seed', 0, 2 ** 32 - 1),
    warmupMin: r.int(o, f, 'warmupMin', 0, 1_000_000),
    warmupPerWorker: r.int(o, f, 'warmupPerWorker', 0, 1_000),
    sustainShare: r.num(o, f, 'sustainShare', 0, 1),
  };
}

/** A point's `loopDelay`: p50 <= p99 <= max, all at least 0. */
function readLoopDelay(r: FieldReader, h: Holder, parent: string, key: Key): ArrivalLoopDelay {
  const o = r.map(h, parent, key);
  const f = path(parent, key);
  const d: ArrivalLoopDelay = {
    p50Ms: r.num(o, f, 'p50Ms', 0),
    p99Ms: r.num(o, f, 'p99Ms', 0),
    maxMs: r.num(o, f, 'maxMs', 0),
    samples: r.int(o, f, 'samples', 1),
  };
  if (d.p99Ms < d.p50Ms) r.fail(path(f, 'p99Ms'), 'is below p50Ms');
  if (d.maxMs < d.p99Ms) r.fail(path(f, 'maxMs'), 'is below p99Ms');
  return d;
}

/** One `cells[].arrivals` point. */
function readPoint(r: FieldReader, h: Holder, parent: string, key: Key): ArrivalPoint {
  const o = r.map(h, parent, key);
  const f = path(parent, key);
  return {
    rate: rate(r, o, f, 'rate'),
    runs: r.int(o, f, 'runs', 1),
    tasks: r.int(o, f, 'tasks', 1),
    offered: r.num(o, f, 'offered', 0),
    throughput: r.num(o, f, 'throughput', 0),
    sustained: r.bool(o, f, 'sustained'),
    responseMs: readPercentiles(r, o, f, 'responseMs'),
    queueMs: readPercentiles(r, o, f, 'queueMs'),
    maxQueued: r.int(o, f, 'maxQueued', 0),
    ...r.optional<ArrivalPoint>(o, f, { loopDelay: (x, g, k) => readLoopDelay(r, x, g, k) }),
  };
}

/** A cell's `arrivals`: at most one point per rate a file can have. */
export function readArrivals(r: FieldReader, h: Holder, parent: string, key: Key): ArrivalPoint[] {
  return r.list(h, parent, key, MAX_ARRIVAL_RATES, (l, g, i) => readPoint(r, l, g, i));
}

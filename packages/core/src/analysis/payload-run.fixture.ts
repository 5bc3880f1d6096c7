import { sampleResult } from '../format/codec.fixture.ts';
import type { Cell, ResultFile } from '../format/types.ts';

/** A payload run whose per-task cost is exactly fixed + perByte x bytes on each way, plus noise. */
export function payloadRun(fixedUs: number, perByteUs: number): ResultFile {
  const r = sampleResult();
  r.config.tasks = ['payload'];
  r.config.count = 10;
  r.config.payloadBytes = [1024, 65536, 1048576];
  const cells: Cell[] = [];
  const sample = (us: number) => ({ totalMs: 1, spawnMs: 0, workMs: (us * 10) / 1000, teardownMs: 0 });
  for (const bytes of r.config.payloadBytes) {
    const work = 0.001 * bytes; // the checksum on the main thread, µs
    cells.push({
      task: 'payload',
      mode: 'sequential',
      impl: 'main',
      workers: 1,
      status: 'ok',
      payloadBytes: bytes,
      samples: [sample(work)],
    });
    const moving = fixedUs + perByteUs * bytes + 2 * work;
    // Transfer at the moving cost, the object's clone at ten times it.
    for (const [way, k] of [
      ['transfer', 1],
      ['clone-object', 10],
    ] as const) {
      cells.push({
        task: 'payload',
        mode: 'threads',
        impl: 'worker_threads',
        workers: 1,
        status: 'ok',
        way,
        payloadBytes: bytes,
        samples: [0.99, 1, 1.01].map((j) => sample(k * moving * j)),
      });
    }
  }
  r.cells = cells;
  return r;
}

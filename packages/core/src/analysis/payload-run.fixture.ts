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
    cells.push({
      task: 'payload',
      mode: 'threads',
      impl: 'worker_threads',
      workers: 1,
      status: 'ok',
      way: 'transfer',
      payloadBytes: bytes,
      samples: [0.99, 1, 1.01].map((k) => sample(moving * k)),
    });
    cells.push({
      task: 'payload',
      mode: 'threads',
      impl: 'worker_threads',
      workers: 1,
      status: 'ok',
      way: 'clone-object',
      payloadBytes: bytes,
      samples: [0.99, 1, 1.01].map((k) => sample(10 * moving * k)),
    });
  }
  r.cells = cells;
  return r;
}

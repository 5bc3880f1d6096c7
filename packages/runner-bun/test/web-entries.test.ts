import { setupArgv } from '@tvp/core';
import { expect, test } from 'vitest';
import { bunWorkerEntry } from '../src/index.ts';

/** The first message of a Web Worker started from `entry` with `argv`, then the worker is ended. */
function firstMessage(entry: URL, argv: string[]): Promise<{ t: string; id?: number }> {
  return new Promise((resolve, reject) => {
    const w = new Worker(entry.href, { argv } as WorkerOptions);
    w.addEventListener('message', (e) => {
      resolve(e.data);
      w.terminate();
    });
    w.addEventListener('error', (e) => reject(new Error(e.message)));
  });
}

// A setup no worker can prepare (a module that is not there): the entry that reads setups says
// so; the bare one never reads it.
const broken = setupArgv({ moduleUrl: 'file:///nowhere/gone.mjs' });

test('the Web Worker entry reads the setup in argv; the bare entry, for workers with none, reads nothing', async () => {
  expect(bunWorkerEntry('web-bare').href).not.toBe(bunWorkerEntry('web').href);
  expect(await firstMessage(bunWorkerEntry('web'), broken)).toMatchObject({ t: 'fail', id: -1 });
  expect(await firstMessage(bunWorkerEntry('web-bare'), broken)).toMatchObject({ t: 'ready' });
  expect(await firstMessage(bunWorkerEntry('web'), [])).toMatchObject({ t: 'ready' });
});

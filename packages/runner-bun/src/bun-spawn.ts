import { constants } from 'node:os';
import { fileURLToPath } from 'node:url';
import { answerListener, setupArgv, type Transport, workerProcessEnv } from '@tvp/core';
import { bunWorkerEntry } from './worker-entries.ts';

const signalName = (s: number | string | null): string | null =>
  typeof s === 'number'
    ? (Object.entries(constants.signals).find(([, n]) => n === s)?.[0] ?? `signal ${s}`)
    : (s ?? null);

/**
 * `processes` on Bun.spawn with an IPC channel (https://bun.sh/docs/api/spawn#inter-process-communication-ipc),
 * JSON like the node:child_process transport (measured: a little faster than 'advanced' here).
 */
export const bunSpawnTransport = (entry: URL = bunWorkerEntry('process')): Transport => ({
  mode: 'processes',
  impl: 'bun-spawn',
  start(events, { workerEnv, setup, serialization }) {
    const proc = Bun.spawn([process.execPath, fileURLToPath(entry), ...setupArgv(setup)], {
      env: workerProcessEnv(workerEnv),
      stdio: ['ignore', 'inherit', 'inherit'],
      serialization: serialization ?? 'json',
      // Answers come compact (core's answer-wire.ts); a leaving worker's last message is for this channel only.
      ipc: answerListener(events),
      onExit: (_proc, code, signal, err) => {
        if (err) events.error(err);
        events.exit({ code, signal: signalName(signal) });
      },
    });
    return {
      send: (msg) => void proc.send(msg),
      kill: () => proc.kill('SIGKILL'),
      pid: proc.pid,
    };
  },
  ways: ['json', 'advanced', 'advanced-buffer'],
  lacks: { frames: 'an IPC channel, not stdio frames' },
});

/** `processes` on Bun.spawn with core's process entry compiled to Bun bytecode. */
export const bunSpawn = bunSpawnTransport();

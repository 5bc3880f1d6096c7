import type { Fault } from '../format/types.ts';
import type { HubMessage, WorkerMessage } from './protocol.ts';
import { toWireError } from './protocol.ts';
import { runTask } from './tasks.ts';

/** What a transport's worker entry hands to the loop: its way to talk and to stop. */
export interface WorkerPort {
  post(msg: WorkerMessage): void;
  /** Subscribe to messages from the hub. */
  on(handler: (msg: HubMessage) => void): void;
  /** Leave cleanly once the hub said `exit` (close the port, end the process). */
  close(): void;
  /** Resident memory of this worker's process, bytes. */
  rssBytes(): number;
}

/** Raised on purpose by `--fault throw`. */
export class InjectedFault extends Error {
  override name = 'InjectedFault';
}

/** Do what `--fault` asks, inside the task. */
export function injectFault(fault: Fault): void {
  switch (fault) {
    case 'throw':
      throw new InjectedFault('task failed on purpose (--fault throw)');
    case 'exit':
      // Ends a process worker, or just this thread for a thread worker.
      process.exit(3);
      break;
    case 'hang':
      // Busy, not waiting: the hub must kill it, the worker cannot notice its own timeout.
      for (;;) {}
  }
}

/**
 * The worker side, the same for every transport: answer pings at once, run tasks, report
 * results or errors by name, leave on `exit`. Posts `ready` first.
 */
export function serveWorker(port: WorkerPort): void {
  const fail = (id: number, err: unknown) => port.post({ t: 'fail', id, error: toWireError(err) });
  port.on((msg) => {
    if (msg.t === 'ping') {
      port.post({ t: 'pong', id: msg.id });
      return;
    }
    if (msg.t === 'exit') {
      port.close();
      return;
    }
    const { id } = msg;
    try {
      if (msg.fault) injectFault(msg.fault);
      const value = runTask(msg.kind, msg, id);
      if (typeof value === 'number') port.post({ t: 'done', id, value });
      else
        value.then(
          (v) => port.post({ t: 'done', id, value: v }),
          (err) => fail(id, err),
        );
    } catch (err) {
      fail(id, err);
    }
  });
  port.post({ t: 'ready', rssBytes: port.rssBytes() });
}

import type { ResultFile, TaskKind } from '../format/types.ts';
import { fmtBytes, taskName } from './numbers.ts';

/** How a module task is called when the run does not name its module: words a reader understands. */
export const UNNAMED_MODULE = 'your module';

/**
 * The work one task of a run does, in words ("100 tasks, each waits 20 ms"): the terminal summary
 * and the page say it the same way. Each caller names the task its own way before it.
 */
export function workOf(r: Pick<ResultFile, 'config'>, task: TaskKind): string {
  const { count, ioMs, cpuIters, fsBytes, netBytes, netDelayMs, taskModule: m, payloadBytes } = r.config;
  switch (task) {
    case 'io':
      return `${count} tasks, each waits ${ioMs} ms`;
    case 'cpu':
      return `${count} tasks, each ${cpuIters.toLocaleString('en-US')} rounds of integer work`;
    case 'fs':
      return `${count} tasks, each reads a ${fsBytes} byte file`;
    case 'net':
      return `${count} tasks, each asks a loopback server that answers ${netBytes} bytes after ${netDelayMs} ms`;
    case 'module':
      return m === undefined
        ? `${count} calls of ${UNNAMED_MODULE}`
        : `${count} calls of ${m.name} (${m.bound}-bound, sha256 ${m.sha256.slice(0, 12)}, answers ${m.checked ? 'checked' : 'NOT checked'})`;
    case 'noop':
      return `${count} tasks that return at once (the cost of dispatch alone)`;
    case 'payload':
      return `${count} tasks per size (${(payloadBytes ?? []).map(fmtBytes).join(', ')}), each carries its bytes to a worker and back and checksums them`;
  }
}

/**
 * What a recommendation's sentence starts with: "IO", "CPU", and for the kinds whose work is set
 * by more than a name, what was measured: "FS (reads of a 4.0 MiB file)", "NET (loopback HTTP,
 * 16.0 KiB after 5 ms)", "render (module, cpu-bound)".
 */
export function taskSubject(r: Pick<ResultFile, 'config'>, task: TaskKind): string {
  const { fsBytes, netBytes, netDelayMs, taskModule: m } = r.config;
  switch (task) {
    case 'fs':
      return fsBytes === undefined ? 'FS' : `FS (reads of a ${fmtBytes(fsBytes)} file)`;
    case 'net':
      return netBytes === undefined || netDelayMs === undefined
        ? 'NET'
        : `NET (loopback HTTP, ${fmtBytes(netBytes)} after ${netDelayMs} ms)`;
    case 'module':
      return m === undefined ? UNNAMED_MODULE : `${m.name} (module, ${m.bound}-bound)`;
    default:
      return task === 'noop' ? 'noop' : task.toUpperCase();
  }
}

/**
 * A task as a finding names it: "IO", "CPU", and a module task by its module's name ("hash"), as
 * the terminal's tables and the page's headings do, or "your module" when the run does not say.
 */
export function taskWords(r: Pick<ResultFile, 'config'>, task: TaskKind): string {
  return task === 'module' ? (r.config.taskModule?.name ?? UNNAMED_MODULE) : taskName(task);
}

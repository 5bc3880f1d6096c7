import { fork } from 'node:child_process';

/** The `net` task's loopback server, running in its own process. */
export interface NetServer {
  url: string;
  pid: number;
  /** Stop it and wait until it has gone. */
  stop(): Promise<void>;
}

/** How long the server may take to say its port. */
const START_LIMIT_MS = 10_000;

/** The server's bundled entry (core's build makes it with rolldown, beside the worker entries). */
export const netServerEntry = (): URL => new URL('../../dist/workers/net-server.cjs', import.meta.url);

/**
 * Fork the loopback server (a process, so that its event loop is not the hub's) and wait for its
 * port. It leaves when its IPC channel closes, so it cannot outlive this process even when this
 * process is SIGKILLed; `stop` ends it sooner.
 */
export function startNetServer(delayMs: number, bytes: number): Promise<NetServer> {
  const cp = fork(netServerEntry(), [String(delayMs), String(bytes)], {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    serialization: 'json',
  });
  let exited = cp.exitCode !== null;
  const gone = new Promise<void>((resolve) =>
    cp.once('exit', () => {
      exited = true;
      resolve();
    }),
  );
  const stop = async () => {
    if (!exited) cp.kill('SIGKILL');
    await gone;
  };
  return new Promise<NetServer>((resolve, reject) => {
    const fail = (why: string) => {
      clearTimeout(timer);
      void stop();
      reject(new Error(`the net task's server did not start: ${why}`));
    };
    const timer = setTimeout(() => fail(`no port after ${START_LIMIT_MS} ms`), START_LIMIT_MS);
    cp.once('error', (err) => fail(err.message));
    const early = (code: number | null, signal: string | null) => fail(`it exited (${signal ?? `code ${code}`})`);
    cp.once('exit', early);
    cp.once('message', (msg: { port?: unknown }) => {
      clearTimeout(timer);
      cp.off('exit', early);
      if (typeof msg.port !== 'number' || msg.port <= 0) return fail(`it said ${JSON.stringify(msg)}`);
      resolve({ url: `http://127.0.0.1:${msg.port}/`, pid: cp.pid as number, stop });
    });
  });
}

// Minimal workers for the benchmarks: start one on a transport with nothing of ours in between (a
// raw `new Worker`, `fork`, `Bun.spawn`, `Deno.Command` with frames), wait for its `ready`, then
// `ask` one message at a time. Also the runner's transports of this runtime, for "ours".
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Worker as NodeWorker } from 'node:worker_threads';
import { decoder, encode } from './frames.cjs';

const here = (f) => new URL(f, import.meta.url);
/** The runtime running this script. */
export const runtime = globalThis.Deno ? 'deno' : globalThis.Bun ? 'bun' : 'node';
/** Its version. */
export const runtimeVersion = globalThis.Deno
  ? Deno.version.deno
  : globalThis.Bun
    ? Bun.version
    : process.versions.node;

/** Every transport of this runtime's runner (its adapter's), as the runner starts them. */
export async function runnerTransports() {
  if (runtime === 'deno') return (await import('../../../runner-deno/src/index.ts')).denoAdapter.transports;
  if (runtime === 'bun') return (await import('../../../runner-bun/src/index.ts')).bunAdapter.transports;
  return (await import('../../../runner-node/dist/index.js')).nodeAdapter.transports;
}

/** A minimal worker on transport `impl`; `serialization` for an IPC channel ('json' or 'advanced'). */
export async function rawWorker(impl, serialization = 'json') {
  let resolve;
  let onMsg = (m) => m.t === 'ready' && resolve();
  const ready = new Promise((r) => {
    resolve = r;
  });
  let send;
  let close;
  if (impl === 'worker_threads') {
    const w = new NodeWorker(here('./worker.cjs'));
    w.on('message', (m) => onMsg(m));
    send = (m, t) => w.postMessage(m, t);
    close = () =>
      new Promise((r) => {
        w.once('exit', r);
        w.postMessage({ t: 'exit' });
      });
  } else if (impl === 'web-worker') {
    const w = new Worker(here('./web.js').href, { type: 'module' });
    let exited;
    w.addEventListener('message', (e) => (e.data.t === 'exited' ? exited?.() : onMsg(e.data)));
    send = (m, t) => w.postMessage(m, t ?? []);
    close = () =>
      new Promise((r) => {
        exited = r;
        w.postMessage({ t: 'exit' });
        if (runtime === 'bun') w.addEventListener('close', r);
      });
  } else if (impl === 'bun-spawn') {
    const p = Bun.spawn([process.execPath, fileURLToPath(here('./worker.cjs'))], {
      ipc: (m) => onMsg(m),
      serialization,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    send = (m) => p.send(m);
    close = () => {
      p.send({ t: 'exit' });
      return p.exited;
    };
  } else if (impl === 'deno-command') {
    const child = new Deno.Command(Deno.execPath(), {
      args: ['run', '--no-prompt', `--allow-read=${fileURLToPath(here('.'))}`, fileURLToPath(here('./stdio.cjs'))],
      stdin: 'piped',
      stdout: 'piped',
      stderr: 'inherit',
    }).spawn();
    const stdin = child.stdin.getWriter();
    const push = decoder((m) => onMsg(m));
    const read = (async () => {
      for await (const chunk of child.stdout) push(chunk);
    })();
    send = (m) => void stdin.write(encode(m));
    close = async () => {
      await stdin.write(encode({ t: 'exit' }));
      await Promise.all([child.status, read]);
      await stdin.close().catch(() => {});
    };
  } else if (impl === 'child_process') {
    const p = fork(here('./worker.cjs'), [], { serialization, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    p.on('message', (m) => onMsg(m));
    send = (m) => p.send(m);
    close = () =>
      new Promise((r) => {
        p.once('exit', r);
        p.send({ t: 'exit' });
      });
  } else throw new Error(`no minimal worker for ${impl}`);
  await ready;
  return {
    /** Send `m` (moving `transfer`) and wait for the reply. */
    ask: (m, transfer) =>
      new Promise((r) => {
        onMsg = r;
        send(m, transfer);
      }),
    close,
  };
}

/** The median of numbers. */
export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** µs as a short figure. */
export const fmtUs = (us) =>
  us >= 1000 ? `${(us / 1000).toFixed(us >= 10_000 ? 0 : 1)} ms` : `${us.toFixed(us >= 10 ? 0 : 1)} µs`;

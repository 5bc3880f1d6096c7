import type { WorkerSetup } from './protocol.ts';

/** What the real-IO and module tasks run against, prepared once per worker (or baseline) from its setup. */
export interface TaskTarget {
  /** Read the `fs` task's file; resolves to the bytes read. */
  readFsFile?: () => Promise<number>;
  /** One request to the `net` task's server; resolves to the body's bytes. */
  askServer?: () => Promise<number>;
  /** The `--task-module`'s default export. */
  fn?: (arg: unknown) => unknown;
}

/** The module's default export, or an error naming the module. */
export async function importTaskFunction(url: string): Promise<(arg: unknown) => unknown> {
  const mod = (await import(url)) as { default?: unknown };
  if (typeof mod.default !== 'function') {
    const got = mod.default === null ? 'null' : typeof mod.default;
    throw new TypeError(`${url}: its default export must be a function of one argument, got ${got}`);
  }
  return mod.default as (arg: unknown) => unknown;
}

/**
 * Everything a setup names, made ready: the module imported, the IO modules loaded. Node's own
 * modules are imported only when a task needs them, so a worker for the built-in tasks starts as
 * before.
 */
export async function prepareTarget(setup: WorkerSetup): Promise<TaskTarget> {
  const target: TaskTarget = {};
  if (setup.moduleUrl !== undefined) target.fn = await importTaskFunction(setup.moduleUrl);
  if (setup.fsPath !== undefined) {
    const { readFile } = await import('node:fs/promises');
    const file = setup.fsPath;
    // readFile reads in chunks on the libuv thread pool: that pool is what the fs task measures.
    target.readFsFile = () => readFile(file).then((b) => b.byteLength);
  }
  if (setup.netUrl !== undefined) {
    const http = await import('node:http');
    const url = setup.netUrl;
    // One keep-alive agent per worker, as a real client keeps its connections.
    const agent = new http.Agent({ keepAlive: true });
    target.askServer = () =>
      new Promise<number>((resolve, reject) => {
        http
          .get(url, { agent }, (res) => {
            let bytes = 0;
            res.on('data', (chunk: Buffer) => {
              bytes += chunk.byteLength;
            });
            res.on('end', () =>
              res.statusCode === 200 ? resolve(bytes) : reject(new Error(`${url} answered ${res.statusCode}`)),
            );
            res.on('error', reject);
          })
          .on('error', reject);
      });
  }
  return target;
}

/** True when a setup names nothing to prepare, so a worker can say `ready` at once. */
export const emptySetup = (s: WorkerSetup): boolean =>
  s.moduleUrl === undefined && s.fsPath === undefined && s.netUrl === undefined;

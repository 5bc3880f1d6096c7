import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { EXTENDED_WORKERS, STANDARD_WORKERS } from '../constants.ts';
import { UsageError } from '../errors.ts';
import { type ParseContext, parseArgs, parseWorkers } from './args.ts';
import { BAD_FLAGS } from './bad-flags.ts';

const ctx: ParseContext = {
  impls: { threads: ['worker_threads'], processes: ['child_process'] },
  defaultOut: '/repo/results',
  cwd: '/here',
};
const run = (...argv: string[]) => {
  const r = parseArgs(argv, ctx);
  if (r.kind !== 'run') throw new Error('expected a run');
  return r;
};
const refuse = (argv: string[], message: RegExp) => {
  expect(() => parseArgs(argv, ctx)).toThrow(UsageError);
  expect(() => parseArgs(argv, ctx)).toThrow(message);
};

describe('defaults', () => {
  test('the default sweep: io and cpu, all four modes, standard workers, 100 tasks, 4 repeats, 1 warmup', () => {
    const { config, out } = run();
    expect(config.tasks).toEqual(['io', 'cpu']);
    expect(config.modes).toEqual(['threads', 'processes', 'sequential', 'async']);
    expect(config.workers).toEqual([...STANDARD_WORKERS]);
    expect(config.workerSet).toBe('standard');
    expect([config.count, config.repeat, config.warmup]).toEqual([100, 4, 1]);
    expect(config.impls).toEqual(['worker_threads', 'child_process']);
    expect(config.workerEnv).toBe('inherit');
    expect(out).toBe('/repo/results');
  });

  test('--quick is small; --preset article has the article scale; flags win over presets', () => {
    const q = run('--quick').config;
    expect(q.preset).toBe('quick');
    expect(q.workers).toEqual([1, 2, 4]);
    expect(q.count).toBeLessThan(100);
    const a = run('--preset', 'article').config;
    expect(a.ioMs).toBe(100);
    expect(a.count).toBe(100);
    expect(run('--quick', '--count', '7').config.count).toBe(7);
  });

  test("--clock: phases by default, the article's under --preset article, either when asked", () => {
    expect(run().config.clock).toBe('phases');
    expect(run('--quick').config.clock).toBe('phases');
    expect(run('--preset', 'article').config.clock).toBe('article');
    expect(run('--clock', 'article').config.clock).toBe('article');
    expect(run('--preset', 'article', '--clock', 'phases').config.clock).toBe('phases');
  });

  test('a leading -- from pnpm is ignored; --flag=value works; relative --out is taken from cwd', () => {
    const r = run('--', '--workers=extended', '--out', 'x/y');
    expect(r.config.workers).toEqual([...EXTENDED_WORKERS]);
    expect(r.out).toBe('/here/x/y');
  });
});

describe('workers', () => {
  test('named lists and explicit lists (sorted, deduplicated)', () => {
    expect(parseWorkers('standard').workers).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(parseWorkers('extended').workers).toEqual([1, 2, 4, 8, 16, 32, 64]);
    expect(parseWorkers('4,1,2,2')).toEqual({ workers: [1, 2, 4], workerSet: 'custom' });
  });
  test.each(['0', '-3', '2.5', 'abc', '1,,2', '257', ''])(
    '--workers %j is refused, naming the flag and the accepted values',
    (v) => {
      refuse(['--workers', v], /--workers.*standard, extended, or a comma list of whole numbers from 1 to 256/);
    },
  );
});

describe('bad flags name the flag and what is accepted', () => {
  // The table every runner's command-line test runs too, end to end.
  test.each(BAD_FLAGS.map((b) => [b.args, b.message] as const))('%j', (args, message) => refuse([...args], message));
  test('unknown task: every way to name a task, the module flag too', () =>
    refuse(
      ['--task', 'io,disk'],
      /^--task: unknown value 'disk'; accepted: io, cpu, noop, fs, net, payload, all \(every kind but payload\), and module: your own function, given by --task-module PATH \(alone it runs only your module; with --task module,cpu others beside it\)$/,
    ));
  test.each([
    ['modul', 'module'],
    ['moduel', 'module'],
    ['icp', undefined],
    ['modules', 'module'],
    ['cpus', 'cpu'],
    ['nop', 'noop'],
    ['al', 'all'],
    ['payloads', 'payload'],
    ['disk', undefined],
  ])('a misspelt task %s suggests %s, and still names --task-module', (typed, near) => {
    let message = '';
    try {
      parseArgs(['--task', typed], ctx);
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain(`--task: unknown value '${typed}'`);
    if (near === undefined) expect(message).not.toContain('did you mean');
    else expect(message).toContain(`(did you mean ${near}?)`);
    expect(message).toContain('module: your own function, given by --task-module PATH');
  });
  test('an empty task list names every way too', () =>
    refuse(['--task', ','], /^--task: empty list; accepted: .*--task-module PATH/));
  test('unknown mode', () =>
    refuse(['--mode', 'fibers'], /--mode: unknown value 'fibers'; accepted: threads, processes, sequential, async/));
  test('impl of another runtime', () => refuse(['--impl', 'web-worker'], /--impl: unknown value 'web-worker'/));
  test('--repeat 0', () =>
    refuse(['--repeat', '0'], /--repeat: '0' is not valid; expected a whole number from 1 to 1000/));
  test('--count abc', () => refuse(['--count', 'abc'], /--count: 'abc' is not valid/));
  test('--io-ms -1', () => refuse(['--io-ms', '-1'], /--io-ms needs a value|--io-ms: '-1'/));
  test('--timeout-ms 0', () => refuse(['--timeout-ms', '0'], /--timeout-ms: '0' is not valid/));
  test('unknown flag', () => refuse(['--wrokers', '2'], /unknown flag --wrokers/));
  test('missing value', () => refuse(['--count'], /--count needs a value/));
  test('twice', () => refuse(['--count', '1', '--count', '2'], /--count given twice/));
  test('stray argument', () => refuse(['fast'], /unexpected argument 'fast'/));
  test('bad label', () => refuse(['--label', 'a b'], /--label: 'a b' is not valid/));
  test('bad upload URL', () => refuse(['--upload', 'ftp://x'], /--upload: 'ftp:\/\/x' is not an http\(s\) URL/));
  test('unknown clock', () => refuse(['--clock', 'wall'], /--clock: unknown value 'wall'; accepted: phases, article/));
  test('contradicting presets', () => refuse(['--quick', '--preset', 'article'], /contradict/));
  test('impls that cannot run a chosen mode', () => {
    const two: ParseContext = {
      ...ctx,
      impls: { threads: ['web-worker', 'worker_threads'], processes: ['bun-spawn'] },
    };
    expect(() => parseArgs(['--impl', 'web-worker', '--mode', 'processes'], two)).toThrow(
      /none of web-worker runs mode processes/,
    );
  });
});

test('--help asks for help', () => {
  expect(parseArgs(['--help'], ctx)).toEqual({ kind: 'help' });
});

test('--impl all takes every impl of the runtime', () => {
  const two: ParseContext = {
    ...ctx,
    impls: { threads: ['web-worker', 'worker_threads'], processes: ['bun-spawn', 'child_process'] },
  };
  const r = parseArgs(['--impl', 'all'], two);
  expect(r.kind === 'run' && r.config.impls).toEqual(['web-worker', 'worker_threads', 'bun-spawn', 'child_process']);
});

describe('the flag reader (node:util parseArgs)', () => {
  test('--flag=value and --flag value are the same', () => {
    expect(run('--count=7').config.count).toBe(7);
    expect(run('--count', '7').config.count).toBe(7);
  });
  test('a switch with a value is refused', () => refuse(['--quick=yes'], /--quick takes no value/));
  test('a value flag followed by another flag has no value', () =>
    refuse(['--count', '--quick'], /--count needs a value/));
  test('a leading -- from pnpm is ignored', () => expect(run('--', '--count', '3').config.count).toBe(3));
  test('a single-dash flag is unknown', () => refuse(['-x'], /unknown flag -x/));
});

describe('--task-module, --fs-bytes, --net-delay-ms, --net-bytes', () => {
  const here = { ...ctx, cwd: path.dirname(fileURLToPath(import.meta.url)) };
  const runHere = (...argv: string[]) => {
    const r = parseArgs(argv, here);
    if (r.kind !== 'run') throw new Error('expected a run');
    return r;
  };
  const refuseHere = (argv: string[], message: RegExp) => expect(() => parseArgs(argv, here)).toThrow(message);

  test('--task-module alone runs the module task; the path is absolute', () => {
    const r = runHere('--task-module', 'args.ts');
    expect(r.config.tasks).toEqual(['module']);
    expect(r.taskModulePath).toBe(fileURLToPath(new URL('./args.ts', import.meta.url)));
  });
  test('with --task, the list must have module; all has it', () => {
    expect(runHere('--task-module', 'args.ts', '--task', 'cpu,module').config.tasks).toEqual(['cpu', 'module']);
    expect(runHere('--task-module', 'args.ts', '--task', 'all').config.tasks).toContain('module');
    refuseHere(
      ['--task-module', 'args.ts', '--task', 'cpu'],
      /--task-module is given but --task cpu does not include module/,
    );
  });
  test('module without a module, a missing file: refused by name', () => {
    refuseHere(['--task', 'module'], /--task module needs --task-module PATH/);
    refuseHere(['--task-module', 'nowhere.mjs'], /--task-module: no such file: .*nowhere\.mjs/);
    expect(run('--task', 'all').config.tasks).toEqual(['io', 'cpu', 'noop', 'fs', 'net']);
  });
  test('fs and net parameters are in the config only when their task runs, with defaults', () => {
    const c = run('--task', 'fs,net').config;
    expect([c.fsBytes, c.netDelayMs, c.netBytes]).toEqual([4 * 1024 * 1024, 5, 16 * 1024]);
    const d = run('--task', 'fs,net', '--fs-bytes', '1000', '--net-delay-ms', '0', '--net-bytes', '7').config;
    expect([d.fsBytes, d.netDelayMs, d.netBytes]).toEqual([1000, 0, 7]);
    expect(run().config.fsBytes).toBeUndefined();
    expect(run().config.netBytes).toBeUndefined();
  });
  test('their flags are refused for a run without their task, or with a bad value', () => {
    refuse(['--fs-bytes', '10'], /--fs-bytes is for the fs task, which --task does not include/);
    refuse(['--task', 'net', '--net-delay-ms', 'soon'], /--net-delay-ms: 'soon' is not valid/);
  });
});

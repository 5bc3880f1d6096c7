import { describe, expect, test } from 'vitest';
import { packed, refusal, sampleResult } from './codec.fixture.ts';
import { decodeResult, encodeResult } from './codec.ts';
import type { ResultFile, TaskModuleInfo } from './types.ts';

const HASH = 'a'.repeat(64);
const mod: TaskModuleInfo = {
  path: '/x/json-parse.mjs',
  name: 'json-parse',
  sha256: HASH,
  bound: 'cpu',
  checked: true,
};

/** The sample file running the real-IO and module tasks. */
function withTasks(change: (r: ResultFile) => void = () => {}): ResultFile {
  const r = sampleResult();
  r.config.tasks = ['fs', 'net', 'module'];
  r.config.fsBytes = 4096;
  r.config.netDelayMs = 5;
  r.config.netBytes = 1024;
  r.config.taskModule = { ...mod, argHash: 'b'.repeat(64) };
  r.cells = r.cells.map((c, i) => ({ ...c, task: (['fs', 'net', 'module'] as const)[i % 3] as 'fs' }));
  change(r);
  return r;
}

describe('the fs, net and module tasks in a result file', () => {
  test('they and their parameters read back as written', () => {
    const r = withTasks();
    const back = decodeResult(encodeResult(r), 'f');
    expect(back.config.tasks).toEqual(['fs', 'net', 'module']);
    expect([back.config.fsBytes, back.config.netDelayMs, back.config.netBytes]).toEqual([4096, 5, 1024]);
    expect(back.config.taskModule).toEqual(r.config.taskModule);
    expect(back.cells.map((c) => c.task)).toEqual(r.cells.map((c) => c.task));
  });

  test.each<[string, (r: ResultFile) => void, string]>([
    ['fsBytes missing', (r) => delete r.config.fsBytes, 'config.fsBytes: missing, and the run has the fs task'],
    ['netBytes missing', (r) => delete r.config.netBytes, 'config.netBytes: missing, and the run has the net task'],
    [
      'taskModule missing',
      (r) => delete r.config.taskModule,
      'config.taskModule: missing, and the run has the module task',
    ],
    ['fsBytes a fraction', (r) => (r.config.fsBytes = 1.5), 'config.fsBytes: expected a whole number'],
    ['netDelayMs negative', (r) => (r.config.netDelayMs = -1), 'config.netDelayMs: expected at least 0, got -1'],
    [
      'sha256 not hex',
      (r) => ((r.config.taskModule as TaskModuleInfo).sha256 = 'XYZ'),
      "config.taskModule.sha256: expected a SHA-256 as 64 lowercase hex digits, got 'XYZ'",
    ],
    [
      'argHash short',
      (r) => ((r.config.taskModule as TaskModuleInfo).argHash = 'abc'),
      "config.taskModule.argHash: expected a SHA-256 as 64 lowercase hex digits, got 'abc'",
    ],
    [
      'bound unknown',
      (r) => ((r.config.taskModule as TaskModuleInfo).bound = 'gpu' as 'cpu'),
      "config.taskModule.bound: expected one of cpu, io, got 'gpu'",
    ],
    [
      'checked missing',
      (r) => delete (r.config.taskModule as Partial<TaskModuleInfo>).checked,
      'config.taskModule.checked: expected',
    ],
    [
      'name empty',
      (r) => ((r.config.taskModule as TaskModuleInfo).name = ''),
      'config.taskModule.name: must not be empty',
    ],
    [
      'task unknown',
      (r) => (r.config.tasks = ['disk' as 'fs']),
      "config.tasks[0]: expected one of io, cpu, noop, fs, net, module, payload, got 'disk'",
    ],
  ])('%s: refused by name', (_name, change, message) => {
    expect(refusal(packed(withTasks(change)))).toContain(`some/file.msgpack: ${message}`);
  });

  test('a file of the built-in tasks needs none of the new fields', () => {
    const r = sampleResult();
    expect(decodeResult(packed(r), 'f').config.taskModule).toBeUndefined();
  });
});

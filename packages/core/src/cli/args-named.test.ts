import { expect, test } from 'vitest';
import { type ParseContext, parseArgs } from './args.ts';

const ctx: ParseContext = {
  impls: { threads: ['worker_threads', 'piscina'], processes: ['child_process', 'tinypool-process'] },
  defaultOut: '/tmp/results',
  namedOnly: ['piscina', 'tinypool-process'],
};
const impls = (...argv: string[]) => {
  const r = parseArgs(argv, ctx);
  return r.kind === 'run' ? r.config.impls : undefined;
};

test('--impl all leaves out the impls that run only when named (the pool libraries)', () => {
  expect(impls('--impl', 'all')).toEqual(['worker_threads', 'child_process']);
});

test('named, they run: one by one, or every impl listed by name', () => {
  expect(impls('--impl', 'piscina', '--mode', 'threads')).toEqual(['piscina']);
  expect(impls('--impl', 'worker_threads,piscina,child_process,tinypool-process')).toEqual([
    'worker_threads',
    'piscina',
    'child_process',
    'tinypool-process',
  ]);
});

import { UsageError } from '@tvp/core';
import { describe, expect, it } from 'vitest';
import { parseReportArgs } from '../src/args.ts';
import { isLoopback } from '../src/loopback.ts';

const ctx = (env: Record<string, string> = {}) => ({ env, cwd: '/home/me/repo', defaultResultsDir: '/repo/results' });

describe('parseReportArgs', () => {
  it('defaults: loopback, 8080, results/ at the root', () => {
    expect(parseReportArgs([], ctx())).toEqual({
      kind: 'serve',
      host: '127.0.0.1',
      port: 8080,
      resultsDir: '/repo/results',
      token: undefined,
    });
  });

  it('flags, PORT and REPORT_TOKEN; relative paths against the folder pnpm ran in', () => {
    expect(
      parseReportArgs(
        ['--', '--port', '9000', '--results=res', '--host', '::1'],
        ctx({ PORT: '7000', REPORT_TOKEN: 't' }),
      ),
    ).toEqual({
      kind: 'serve',
      host: '::1',
      port: 9000,
      resultsDir: '/home/me/repo/res',
      token: 't',
    });
    expect(parseReportArgs([], ctx({ PORT: '7000' }))).toMatchObject({ port: 7000 });
    expect(parseReportArgs(['--export', 'report.html'], ctx())).toEqual({
      kind: 'export',
      file: '/home/me/repo/report.html',
      resultsDir: '/repo/results',
    });
    expect(parseReportArgs(['--help'], ctx())).toEqual({ kind: 'help' });
  });

  it.each([
    [['--port', 'eighty'], /--port must be a port number 0-65535, got 'eighty'/],
    [['--port', '70000'], /--port must be a port number/],
    [['--results'], /--results needs a value/],
    [['--host', '--port'], /--host needs a value/],
    [['--colour'], /unknown argument '--colour'/],
  ])('%j: %s', (argv, message) => {
    expect(() => parseReportArgs(argv, ctx())).toThrow(UsageError);
    expect(() => parseReportArgs(argv, ctx())).toThrow(message);
  });

  it('PORT that is not a port is named as PORT', () => {
    expect(() => parseReportArgs([], ctx({ PORT: 'x' }))).toThrow(/PORT must be a port number/);
  });
});

describe('isLoopback', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.1.2.3', true],
    ['localhost', true],
    ['::1', true],
    ['[::1]', true],
    ['::ffff:127.0.0.1', true],
    ['0.0.0.0', false],
    ['::', false],
    ['192.168.1.5', false],
    ['example.com', false],
  ])('%s: %s', (host, expected) => {
    expect(isLoopback(host)).toBe(expected);
  });
});

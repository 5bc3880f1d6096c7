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
      allowedHosts: [],
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
      allowedHosts: [],
    });
    expect(parseReportArgs([], ctx({ PORT: '7000' }))).toMatchObject({ port: 7000 });
    expect(parseReportArgs(['--export', 'report.html'], ctx())).toEqual({
      kind: 'export',
      file: '/home/me/repo/report.html',
      resultsDir: '/repo/results',
    });
    expect(parseReportArgs(['--help'], ctx())).toEqual({ kind: 'help' });
  });

  it('--allowed-host repeats and takes comma lists; names are lowercase, each once', () => {
    const argv = [
      '--allowed-host',
      'Report.LAN',
      '--allowed-host=box.lan:9000, [FD00::5]',
      '--allowed-host',
      '10.0.0.7',
    ];
    expect(parseReportArgs(argv, ctx())).toMatchObject({
      kind: 'serve',
      allowedHosts: ['report.lan', 'box.lan:9000', '[fd00::5]', '10.0.0.7'],
    });
    expect(parseReportArgs(['--allowed-host', 'a.lan,a.lan', '--allowed-host', 'A.lan'], ctx())).toMatchObject({
      allowedHosts: ['a.lan'],
    });
  });

  it('REPORT_ALLOWED_HOSTS is the default list; the flag wins over it, as --port over PORT', () => {
    const env = { REPORT_ALLOWED_HOSTS: 'report.lan, 192.168.1.5:8080' };
    expect(parseReportArgs([], ctx(env))).toMatchObject({ allowedHosts: ['report.lan', '192.168.1.5:8080'] });
    expect(parseReportArgs(['--allowed-host', 'other.lan'], ctx(env))).toMatchObject({ allowedHosts: ['other.lan'] });
    expect(parseReportArgs([], ctx({ REPORT_ALLOWED_HOSTS: '' }))).toMatchObject({ allowedHosts: [] });
  });

  it.each([
    [['--allowed-host', 'http://report.lan'], /--allowed-host: 'http:\/\/report.lan' is not a host name/],
    [['--allowed-host', 'report.lan/x'], /--allowed-host: 'report.lan\/x' is not a host name/],
    [['--allowed-host', '::1'], /'::1' is not a host name: expected .*\[IPv6\]/],
    [['--allowed-host', 'a.lan:70000'], /'a.lan:70000' is not a host name/],
    [['--allowed-host', 'a.lan,,b.lan'], /--allowed-host has an empty name in 'a.lan,,b.lan'/],
    [['--allowed-host'], /--allowed-host needs a value/],
  ])('%j: %s', (argv, message) => {
    expect(() => parseReportArgs(argv, ctx())).toThrow(UsageError);
    expect(() => parseReportArgs(argv, ctx())).toThrow(message);
  });

  it('a bad REPORT_ALLOWED_HOSTS is named as REPORT_ALLOWED_HOSTS', () => {
    expect(() => parseReportArgs([], ctx({ REPORT_ALLOWED_HOSTS: 'report.lan,*' }))).toThrow(
      /REPORT_ALLOWED_HOSTS: '\*' is not a host name/,
    );
  });

  it.each([
    [['--port', 'eighty'], /--port must be a port number 0-65535, got 'eighty'/],
    [['--port', '70000'], /--port must be a port number/],
    [['--results'], /--results needs a value/],
    [['--host', '--port'], /--host needs a value/],
    [['--colour'], /unknown flag --colour/],
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

describe('the same flag reader as the runners (node:util parseArgs)', () => {
  const ctx = { env: {}, cwd: '/here', defaultResultsDir: '/repo/results' };
  it('refuses a value flag given twice, a switch with a value, and a stray argument', () => {
    expect(() => parseReportArgs(['--port', '1', '--port', '2'], ctx)).toThrow(/--port given twice/);
    expect(() => parseReportArgs(['--help=yes'], ctx)).toThrow(/--help takes no value/);
    expect(() => parseReportArgs(['serve'], ctx)).toThrow(/unexpected argument 'serve'/);
  });
});

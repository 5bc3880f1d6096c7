import { describe, expect, it } from 'vitest';
import { addressName, formatHost, parseHost, parseOrigin } from '../src/host.ts';

describe('parseHost', () => {
  it.each([
    ['localhost', { name: 'localhost', port: undefined }],
    ['LocalHost:8080', { name: 'localhost', port: 8080 }],
    ['127.0.0.1:0', { name: '127.0.0.1', port: 0 }],
    ['[::1]:8080', { name: '::1', port: 8080 }],
    ['[0:0:0:0:0:0:0:1]', { name: '::1', port: undefined }],
    ['[FD00::5]:65535', { name: 'fd00::5', port: 65535 }],
    ['my_box.lan', { name: 'my_box.lan', port: undefined }],
  ])('%s', (text, expected) => {
    expect(parseHost(text)).toEqual(expected);
  });

  it.each([
    '',
    ':8080',
    'a.lan:',
    'a.lan:65536',
    'a.lan:80:80',
    '::1',
    '[::1',
    '[not-v6]',
    '[::1]x',
    'a..lan',
    '.lan',
    'lan.',
    'user@a.lan',
    'a.lan/x',
    'a lan',
    'a%2elan',
    'http://a.lan',
  ])('%j is not a host', (text) => {
    expect(parseHost(text)).toBeUndefined();
  });
});

describe('parseOrigin', () => {
  it.each([
    ['http://127.0.0.1:8080', { name: '127.0.0.1', port: 8080 }],
    ['http://localhost', { name: 'localhost', port: 80 }],
    ['https://Report.LAN', { name: 'report.lan', port: 443 }],
    ['https://[::1]:8443', { name: '::1', port: 8443 }],
  ])('%s', (text, expected) => {
    expect(parseOrigin(text)).toEqual(expected);
  });

  it.each(['null', '', 'file://', 'ftp://a.lan', 'http://a.lan/path', 'http://u:p@a.lan', 'chrome-extension://x'])(
    '%j is no web origin',
    (text) => {
      expect(parseOrigin(text)).toBeUndefined();
    },
  );
});

describe('addressName and formatHost', () => {
  it('an address as listen takes it compares equal to the same address in a Host header', () => {
    expect(addressName('0:0:0:0:0:0:0:1')).toBe(parseHost('[::1]')!.name);
    expect(addressName('[::]')).toBe('::');
    expect(addressName('LOCALHOST')).toBe('localhost');
  });

  it('writes IPv6 in brackets, and the port when there is one', () => {
    expect(formatHost({ name: '::1', port: 8080 })).toBe('[::1]:8080');
    expect(formatHost({ name: 'report.lan', port: undefined })).toBe('report.lan');
  });
});

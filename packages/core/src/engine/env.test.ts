import { expect, test } from 'vitest';
import { loadavg } from './env.ts';

test('the load average: three figures on Unix; none on Windows, where Node reports zeros for "not measured"', () => {
  expect(loadavg('linux')).toHaveLength(3);
  expect(loadavg('darwin')).toHaveLength(3);
  expect(loadavg('win32')).toEqual([]);
});

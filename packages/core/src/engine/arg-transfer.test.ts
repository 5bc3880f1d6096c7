import { describe, expect, test } from 'vitest';
import { binaryKind, receiveArg } from './arg-transfer.ts';

// The worker rebuilds a shared arg's view from its type's name alone (no constructor table at the
// top of the worker bundle): every typed array must still come back as its own type.
const VIEWS = [
  Int8Array,
  Uint8Array,
  Uint8ClampedArray,
  Int16Array,
  Uint16Array,
  Int32Array,
  Uint32Array,
  Float32Array,
  Float64Array,
  BigInt64Array,
  BigUint64Array,
];

describe('arg-transfer by type name', () => {
  test.each(VIEWS.map((V) => [V.name, V] as const))('%s: named, and rebuilt over a shared buffer', (name, V) => {
    expect(binaryKind(new V(4))).toBe(name);
    const sab = new SharedArrayBuffer(16);
    const { arg } = receiveArg({ arg: sab, argWay: 'shared', argType: name });
    expect(arg).toBeInstanceOf(V);
    expect((arg as InstanceType<typeof V>).buffer).toBe(sab);
  });

  test('neither a view nor a buffer has no kind; a DataView and a subclass of another name have none', () => {
    expect(binaryKind(new ArrayBuffer(4))).toBe('ArrayBuffer');
    expect(binaryKind([1, 2])).toBeUndefined();
    expect(binaryKind(new DataView(new ArrayBuffer(4)))).toBeUndefined();
    class Bytes extends Uint8Array {}
    expect(binaryKind(new Bytes(4))).toBeUndefined();
  });

  test('a shared arg of an unknown or inherited type name stays the plain shared buffer', () => {
    const sab = new SharedArrayBuffer(8);
    for (const argType of ['Nope', 'toString', 'constructor', undefined]) {
      expect(receiveArg({ arg: sab, argWay: 'shared', argType }).arg).toBe(sab);
    }
  });
});

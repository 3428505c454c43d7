import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { InvalidArgumentError, key, permutation, type Key } from '@puregrad/tensor';

const anyKey = fc
  .tuple(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 0, max: 0xffffffff }))
  .map(([a, b]): Key => ({ kind: 'threefry2x32', words: [a, b] }));

describe('permutation', () => {
  it('is a permutation of 0..n-1', () => {
    fc.assert(
      fc.property(anyKey, fc.integer({ min: 0, max: 300 }), (k, n) => {
        const order = permutation(k, n);
        expect(order.dtype).toBe('int32');
        expect(order.shape).toEqual([n]);
        const sorted = Array.from(order.data).sort((a, b) => a - b);
        expect(sorted).toEqual(Array.from({ length: n }, (_, i) => i));
      }),
    );
  });

  it('is deterministic', () => {
    fc.assert(
      fc.property(anyKey, (k) => {
        expect(Array.from(permutation(k, 50).data)).toEqual(Array.from(permutation(k, 50).data));
      }),
    );
  });

  it('draws each of the 6 orders of 3 items equally often', () => {
    const counts = new Map<string, number>();
    const trials = 6000;
    for (let s = 0; s < trials; s++) {
      const name = Array.from(permutation(key(s), 3).data).join('');
      counts.set(name, (counts.get(name) ?? 0) + 1);
    }
    expect(counts.size).toBe(6);
    // Each count is binomial(6000, 1/6): mean 1000, standard deviation ≈ 29; we allow 5 of them.
    for (const count of counts.values()) expect(Math.abs(count - 1000)).toBeLessThan(145);
  });

  it('moves every item to every place equally often', () => {
    const n = 10;
    const trials = 5000;
    const atZero = new Array<number>(n).fill(0);
    for (let s = 0; s < trials; s++) {
      const first = permutation(key(s), n).data[0] as number;
      atZero[first] = (atZero[first] ?? 0) + 1;
    }
    // Binomial(5000, 1/10): mean 500, standard deviation ≈ 21.
    for (const count of atZero) expect(Math.abs(count - 500)).toBeLessThan(110);
  });

  it.each([-1, 1.5, 2 ** 31])('rejects n = %s', (n) => {
    expect(() => permutation(key(0), n)).toThrow(InvalidArgumentError);
    expect(() => permutation(key(0), n)).toThrow(/permutation: n must be an integer/);
  });
});

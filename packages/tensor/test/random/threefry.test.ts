import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { threefry2x32 } from '@puregrad/tensor';

const hex = (words: readonly number[]): string[] =>
  words.map((w) => w.toString(16).padStart(8, '0'));

describe('threefry2x32', () => {
  // The known-answer vectors that Random123 publishes for Threefry-2x32 with 20 rounds.
  const vectors: [string, [number, number], [number, number], [string, string]][] = [
    ['zero key and counter', [0, 0], [0, 0], ['6b200159', '99ba4efe']],
    [
      'all-ones key and counter',
      [0xffffffff, 0xffffffff],
      [0xffffffff, 0xffffffff],
      ['1cb996fc', 'bb002be7'],
    ],
    ['digits of pi', [0x13198a2e, 0x03707344], [0x243f6a88, 0x85a308d3], ['c4923a9c', '483df7a0']],
  ];

  it.each(vectors)('matches the published vector: %s', (_, key, counter, expected) => {
    expect(hex(threefry2x32(key, counter))).toEqual(expected);
  });

  it('returns unsigned 32-bit words', () => {
    const word = fc.integer({ min: 0, max: 0xffffffff });
    fc.assert(
      fc.property(word, word, word, word, (k0, k1, x0, x1) => {
        for (const y of threefry2x32([k0, k1], [x0, x1])) {
          expect(Number.isInteger(y)).toBe(true);
          expect(y).toBeGreaterThanOrEqual(0);
          expect(y).toBeLessThanOrEqual(0xffffffff);
        }
      }),
    );
  });

  it('changes about half the bits when one counter bit flips', () => {
    // Avalanche: over many random inputs, a one-bit change flips 32 of 64 output bits on average.
    const popcount = (x: number): number => {
      let count = 0;
      for (let v = x >>> 0; v !== 0; v >>>= 1) count += v & 1;
      return count;
    };
    let flipped = 0;
    const trials = 2000;
    for (let t = 0; t < trials; t++) {
      const [a0, a1] = threefry2x32([t, 7], [t * 3, 0]);
      const [b0, b1] = threefry2x32([t, 7], [t * 3, 1 << (t % 32)]);
      flipped += popcount(a0 ^ b0) + popcount(a1 ^ b1);
    }
    // The mean of 2000 binomial(64, 1/2) counts has standard deviation 4 / √2000 ≈ 0.09.
    expect(Math.abs(flipped / trials - 32)).toBeLessThan(0.5);
  });
});

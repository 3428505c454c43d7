import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DTypeError, InvalidArgumentError, key, split, uniform, type Key } from '@puregrad/tensor';
import { correlation } from '../helpers/statistics.js';

const anyKey = fc
  .tuple(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 0, max: 0xffffffff }))
  .map(([a, b]): Key => ({ kind: 'threefry2x32', words: [a, b] }));

const interval = fc
  .tuple(
    fc.double({ min: -1e6, max: 1e6, noNaN: true }),
    fc.double({ min: 1, max: 1e6, noNaN: true }),
  )
  .map(([low, width]) => ({ low, high: low + width }));

describe('uniform', () => {
  it('is deterministic and has the requested shape and dtype', () => {
    fc.assert(
      fc.property(
        anyKey,
        fc.constantFrom('float32', 'float64') as fc.Arbitrary<'float32' | 'float64'>,
        (k, dtype) => {
          const x = uniform(k, [3, 5], { dtype });
          expect(x.dtype).toBe(dtype);
          expect(x.shape).toEqual([3, 5]);
          expect(Array.from(x.data)).toEqual(Array.from(uniform(k, [3, 5], { dtype }).data));
        },
      ),
    );
  });

  it('stays in [low, high) in both dtypes', () => {
    fc.assert(
      fc.property(anyKey, interval, (k, { low, high }) => {
        for (const dtype of ['float32', 'float64'] as const) {
          for (const value of uniform(k, [64], { dtype, low, high }).data) {
            expect(value).toBeGreaterThanOrEqual(low);
            expect(value).toBeLessThan(high);
          }
        }
      }),
    );
  });

  it('clamps float64 results that round onto high', () => {
    // With high one ulp above low, low + (high - low) · u rounds to high whenever u > 1/2.
    const low = 1;
    const high = 1 + 2 ** -52;
    const x = uniform(key(0), [1000], { dtype: 'float64', low, high });
    for (const value of x.data) expect(value).toBe(low);
  });

  it('draws both float32 values of a two-value interval', () => {
    // [1 - 2^-23, 1) contains exactly the float32 values 1 - 2^-23 and 1 - 2^-24.
    const x = uniform(key(0), [1000], { low: 1 - 2 ** -23, high: 1 });
    const seen = new Set(x.data);
    expect(seen).toEqual(new Set([1 - 2 ** -23, 1 - 2 ** -24]));
  });

  it('rejects an interval without a float32 value', () => {
    expect(() => uniform(key(0), [2], { low: 0.1, high: 0.1 + 1e-12 })).toThrow(
      /uniform: \[low, high\) must contain a float32 value/,
    );
  });

  it('never returns high for a float32 grid near high', () => {
    // Draws on [0, 1) come from a 2^-23 grid, so 1 - 2^-23 is the largest and 1 never appears.
    const x = uniform(key(5), [100_000]);
    let max = 0;
    for (const value of x.data) max = Math.max(max, value);
    expect(max).toBeLessThan(1);
  });

  it('has the mean and variance of the uniform distribution', () => {
    const x = uniform(key(7), [100_000], { dtype: 'float64', low: 2, high: 4 });
    let sum = 0;
    for (const value of x.data) sum += value;
    const mean = sum / x.data.length;
    let squares = 0;
    for (const value of x.data) squares += (value - mean) ** 2;
    // The mean of 1e5 draws has standard deviation √(1/3 / 1e5) ≈ 0.0018; we allow 5 of them.
    expect(Math.abs(mean - 3)).toBeLessThan(0.01);
    // The variance is (4 - 2)² / 12 = 1/3, estimated to a few parts in a thousand.
    expect(Math.abs(squares / x.data.length - 1 / 3)).toBeLessThan(0.01);
  });

  it('gives uncorrelated streams for split keys', () => {
    fc.assert(
      fc.property(anyKey, (k) => {
        const [a, b] = split(k) as [Key, Key];
        const x = uniform(a, [4096], { dtype: 'float64' });
        const y = uniform(b, [4096], { dtype: 'float64' });
        expect(Array.from(x.data)).not.toEqual(Array.from(y.data));
        // For independent streams the sample correlation has standard deviation 1/√4096 = 0.016.
        expect(Math.abs(correlation(x.data, y.data))).toBeLessThan(0.08);
      }),
      { numRuns: 20 },
    );
  });

  it('matches recorded bits so every machine draws the same numbers', () => {
    // A draw of 4 words from key(0) gives the words of split(key(0)), the values JAX prints for
    // random_bits(PRNGKey(0), (4,)). A float32 element is the top 23 bits of its word over 2^23.
    const words = [4146024105, 967050713, 2718843009, 1272950319];
    const x = uniform(key(0), [4]);
    expect(Array.from(x.data)).toEqual(words.map((w) => (w >>> 9) / 2 ** 23));
  });

  it('rejects a bad interval, dtype or shape', () => {
    expect(() => uniform(key(0), [2], { low: 1, high: 1 })).toThrow(InvalidArgumentError);
    expect(() => uniform(key(0), [2], { low: 0, high: Infinity })).toThrow(
      /uniform: low and high must be finite/,
    );
    expect(() => uniform(key(0), [2], { dtype: 'int32' as 'float32' })).toThrow(DTypeError);
    expect(() => uniform(key(0), [2, -1])).toThrow(
      /uniform: every dimension must be a non-negative integer/,
    );
  });
});

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { InvalidArgumentError, key, normal, split, type Key } from '@puregrad/tensor';
import { correlation, moments } from '../helpers/statistics.js';

describe('normal', () => {
  it('matches recorded values on every engine', () => {
    // Recorded with Node 20 (V8). Only exactly specified float64 operations build these values,
    // so any other engine must give the same bits.
    const x = normal(key(0), [5], { dtype: 'float64' });
    expect(Array.from(x.data)).toEqual([
      -0.9823983639889757, -1.8237904131619092, -0.4075856968078554, -0.829440458734371,
      0.009168778461295109,
    ]);
  });

  it('is deterministic', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), (s) => {
        expect(Array.from(normal(key(s), [7]).data)).toEqual(Array.from(normal(key(s), [7]).data));
      }),
    );
  });

  it('has the requested mean and standard deviation', () => {
    const x = normal(key(11), [100_000], { dtype: 'float64', mean: -2, std: 3 });
    const { mean, variance } = moments(x.data);
    // Standard errors: 3 / √1e5 ≈ 0.0095 for the mean, 9 · √(2 / 1e5) ≈ 0.04 for the variance.
    expect(Math.abs(mean + 2)).toBeLessThan(0.05);
    expect(Math.abs(variance - 9)).toBeLessThan(0.2);
  });

  it('has Gaussian tails', () => {
    const x = normal(key(12), [100_000], { dtype: 'float64' });
    let beyondTwo = 0;
    for (const value of x.data) if (Math.abs(value) > 2) beyondTwo++;
    // P(|z| > 2) = 0.0455; the count's standard deviation is √(1e5 · 0.0455) ≈ 66.
    expect(Math.abs(beyondTwo - 4550)).toBeLessThan(400);
  });

  it('fills odd sizes and keeps the elements of a pair uncorrelated', () => {
    const x = normal(key(13), [20_001], { dtype: 'float64' });
    expect(x.data.length).toBe(20_001);
    const even = x.data.filter((_, i) => i % 2 === 0 && i < 20_000);
    const odd = x.data.filter((_, i) => i % 2 === 1);
    // Independent samples of 10000: correlation standard deviation 0.01.
    expect(Math.abs(correlation(even, odd))).toBeLessThan(0.05);
  });

  it('gives uncorrelated streams for split keys', () => {
    const [a, b] = split(key(3)) as [Key, Key];
    const x = normal(a, [4096], { dtype: 'float64' }).data;
    const y = normal(b, [4096], { dtype: 'float64' }).data;
    expect(Math.abs(correlation(x, y))).toBeLessThan(0.08);
  });

  it('returns float32 by default and mean everywhere for std 0', () => {
    const x = normal(key(0), [5], { mean: 1.5, std: 0 });
    expect(x.dtype).toBe('float32');
    expect(Array.from(x.data)).toEqual([1.5, 1.5, 1.5, 1.5, 1.5]);
  });

  it('rejects a negative or infinite std', () => {
    expect(() => normal(key(0), [2], { std: -1 })).toThrow(InvalidArgumentError);
    expect(() => normal(key(0), [2], { mean: Infinity })).toThrow(/normal: mean must be finite/);
  });
});

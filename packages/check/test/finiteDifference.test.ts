import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { centralDifference } from '@puregrad/check';
import { tensor, type Float64Tensor } from '@puregrad/tensor';

const at = (values: number[]): Float64Tensor => tensor(values, { dtype: 'float64' });
const point = fc.integer({ min: -300, max: 300 }).map((step) => step / 100);

describe('centralDifference', () => {
  it('is exact for quadratics up to rounding', () => {
    // The O(h²) truncation term needs a third derivative, which a quadratic lacks, so only
    // rounding remains: about 2⁻⁵² · |f| / h ≈ 2e-10 · |f| with h = 1e-6.
    fc.assert(
      fc.property(point, point, (a, b) => {
        const f = (x: Float64Tensor) => 3 * (x.data[0] as number) ** 2 + (x.data[1] as number);
        const numeric = centralDifference(f, at([a, b]), 0, 1e-6);

        expect(Math.abs(numeric - 6 * a)).toBeLessThanOrEqual(1e-8);
      }),
    );
  });

  it('tracks a cubic within its truncation error', () => {
    // For x³ the error is h² · f''' / 6 = h², with h = 1e-6 · max(1, |x|) ≤ 3e-6 here.
    fc.assert(
      fc.property(point, (a) => {
        const numeric = centralDifference((x) => (x.data[0] as number) ** 3, at([a]), 0, 1e-6);

        expect(Math.abs(numeric - 3 * a * a)).toBeLessThanOrEqual(1e-8);
      }),
    );
  });

  it('leaves the point unchanged', () => {
    const x = at([1, 2]);
    centralDifference((y) => (y.data[1] as number) ** 2, x, 1, 1e-6);

    expect(Array.from(x.data)).toEqual([1, 2]);
  });
});

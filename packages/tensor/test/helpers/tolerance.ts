import type { FloatDType } from '@puregrad/tensor';

/**
 * Unit roundoff of each float dtype as these tolerances use it: 2⁻⁵² for float64 and 2⁻²³ for
 * float32 (twice the exact unit roundoff, which covers the one rounding on store).
 */
export const ROUNDOFF: Readonly<Record<FloatDType, number>> = {
  float64: 2 ** -52,
  float32: 2 ** -23,
};

/** The smallest subnormal of each dtype, the absolute error of a product that underflows. */
export const SMALLEST_SUBNORMAL: Readonly<Record<FloatDType, number>> = {
  float64: 2 ** -1074,
  float32: 2 ** -149,
};

/**
 * Returns the error bound of a sum of `count` terms whose magnitudes add up to `absoluteSum`:
 * K · u · Σ|terms|, the classic bound for recursive summation in any order, plus K smallest
 * subnormals for products that underflow.
 */
export function sumTolerance(dtype: FloatDType, count: number, absoluteSum: number): number {
  const terms = Math.max(count, 1);
  return terms * ROUNDOFF[dtype] * absoluteSum + terms * SMALLEST_SUBNORMAL[dtype];
}

/**
 * Returns the error bound of one element-wise operation on x: 2⁻⁵⁰ · |x| in float64 and
 * 2⁻²¹ · |x| in float32, four units of roundoff.
 */
export function elementTolerance(dtype: FloatDType, x: number): number {
  return 4 * ROUNDOFF[dtype] * Math.abs(x);
}

/**
 * Returns, for op(a) [m, k] · op(b) [k, n] read through the same strides as the kernels, each
 * output's Σ_p |a_ip · b_pj|, the magnitude that {@link sumTolerance} scales with.
 */
export function matmulAbsoluteSums(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  m: number,
  k: number,
  n: number,
  transposeA: boolean,
  transposeB: boolean,
): Float64Array {
  const sums = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let sum = 0;
      for (let p = 0; p < k; p++) {
        const left = a[transposeA ? p * m + i : i * k + p] as number;
        const right = b[transposeB ? j * k + p : p * n + j] as number;
        sum += Math.abs(left * right);
      }
      sums[i * n + j] = sum;
    }
  }
  return sums;
}

/**
 * Raises unless every element of `actual` is within `tolerance(i)` of `expected`, naming the
 * first element that is not.
 */
export function expectClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  tolerance: (index: number) => number,
): void {
  if (actual.length !== expected.length) {
    throw new Error(`lengths differ: ${actual.length} against ${expected.length}`);
  }
  for (let i = 0; i < actual.length; i++) {
    const error = Math.abs((actual[i] as number) - (expected[i] as number));
    if (!(error <= tolerance(i))) {
      throw new Error(
        `element ${i}: ${actual[i]} differs from ${expected[i]} by ${error}, above ${tolerance(i)}`,
      );
    }
  }
}

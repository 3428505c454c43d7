import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  argmax,
  full,
  InvalidArgumentError,
  max,
  mean,
  ShapeError,
  sum,
  tensor,
  toNested,
  variance,
  type FloatDType,
  type FloatTensor,
} from '@puregrad/tensor';
import { dimension, floatDType, matrix } from '../helpers/arbitraries.js';
import { expectClose, sumTolerance } from '../helpers/tolerance.js';

/** Returns the lines of a `[rows, cols]` matrix along `axis`: columns for axis 0, rows for 1. */
function lines(x: FloatTensor, axis: 0 | 1): number[][] {
  const [rows, cols] = x.shape as [number, number];
  const out: number[][] = [];
  for (let l = 0; l < (axis === 0 ? cols : rows); l++) {
    const line: number[] = [];
    for (let j = 0; j < (axis === 0 ? rows : cols); j++) {
      line.push(x.data[axis === 0 ? j * cols + l : l * cols + j] as number);
    }
    out.push(line);
  }
  return out;
}

/**
 * Returns the exact variance of values that are multiples of 1/16, computed with BigInt as
 * (n Σw² − (Σw)²) / (n (n − correction) 256) for w = 16x, then rounded once to float64.
 */
function exactVariance(values: readonly number[], correction: 0 | 1): number {
  const n = BigInt(values.length);
  let total = 0n;
  let squares = 0n;
  for (const x of values) {
    const w = BigInt(x * 16);
    total += w;
    squares += w * w;
  }
  const numerator = n * squares - total * total;
  const denominator = n * (n - BigInt(correction)) * 256n;
  // Exact to ~2⁻⁵² relative: both BigInts are rounded once to float64, then divided once.
  return Number(numerator) / Number(denominator);
}

/** Generates a matrix of multiples of 1/16 around a large offset, which cancels in naive formulas. */
const offsetMatrix = fc
  .tuple(dimension(8), dimension(8), floatDType(), fc.constantFrom(0, 1e4, 1e6, 1e10))
  .chain(([m, n, dtype, offset]) =>
    fc
      .array(fc.integer({ min: -2000, max: 2000 }), { minLength: m * n, maxLength: m * n })
      .map((ints) => {
        const values = ints.map((v) => offset + v / 16);
        return tensor(values, { shape: [m, n], dtype }) as FloatTensor;
      }),
  );

describe('sum and mean', () => {
  it('reduce a hand-computed case along both axes', () => {
    const x = tensor([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(Array.from(sum(x).data)).toEqual([21]);
    expect(toNested(sum(x, 0))).toEqual([5, 7, 9]);
    expect(toNested(sum(x, 1))).toEqual([6, 15]);
    expect(toNested(mean(x, -1, { keepDims: true }))).toEqual([[2], [5]]);
    expect(sum(x, 0, { keepDims: true }).shape).toEqual([1, 3]);
  });

  it('stay within K · u · Σ|x| of the exact sum', () => {
    const operand = fc
      .tuple(dimension(9), dimension(9), floatDType())
      .chain(([m, n, d]) => matrix(m, n, d));
    fc.assert(
      fc.property(operand, fc.constantFrom<0 | 1>(0, 1), (x, axis) => {
        const dtype = x.dtype as FloatDType;
        const expected = lines(x, axis).map((line) => line.reduce((a, v) => a + v, 0));
        const magnitude = lines(x, axis).map((line) => line.reduce((a, v) => a + Math.abs(v), 0));
        const count = lines(x, axis)[0]!.length;
        expectClose(sum(x, axis).data, expected, (i) =>
          sumTolerance(dtype, count, magnitude[i] as number),
        );
        const means = expected.map((v) => v / count);
        expectClose(mean(x, axis).data, means, (i) =>
          sumTolerance(dtype, count + 1, (magnitude[i] as number) / count),
        );
      }),
    );
  });

  it('gives NaN for the mean of nothing', () => {
    expect(mean(tensor([])).data[0]).toBeNaN();
    expect(sum(tensor([])).data[0]).toBe(0);
  });
});

describe('variance', () => {
  it('matches the exact variance along either axis', () => {
    fc.assert(
      fc.property(offsetMatrix, fc.constantFrom<0 | 1>(0, 1), fc.boolean(), (x, axis, unbiased) => {
        const dtype = x.dtype as FloatDType;
        const correction = unbiased ? 1 : 0;
        const data = lines(x, axis);
        fc.pre(data[0]!.length > correction);
        const expected = data.map((line) => exactVariance(line, correction));
        const actual = variance(x, axis, { unbiased }).data;
        // Two passes over exact shifted values: K roundings relative to the variance itself, and
        // in float32 one more rounding on store.
        const n = data[0]!.length;
        expectClose(actual, expected, (i) => 2 * sumTolerance(dtype, n + 2, expected[i] as number));
      }),
    );
  });

  it('is exactly 0 for a constant column of 1e10', () => {
    for (const dtype of ['float32', 'float64'] as const) {
      const x = full([64, 3], 1e10, dtype) as FloatTensor;
      expect(Array.from(variance(x, 0).data)).toEqual([0, 0, 0]);
      expect(Array.from(variance(x, 0, { unbiased: true }).data)).toEqual([0, 0, 0]);
      expect(Array.from(variance(x, 1).data)).toEqual(new Array<number>(64).fill(0));
      expect(Array.from(variance(x).data)).toEqual([0]);
    }
  });

  it('is +Infinity past the float64 range', () => {
    // The true variance of [1e308, −1e308] is 1e616, but the shifted difference −2e308 overflows.
    const x = tensor([1e308, -1e308], { dtype: 'float64' });
    expect(variance(x).data[0]).toBe(Infinity);
    expect(variance(x, 0, { unbiased: true }).data[0]).toBe(Infinity);
    const rows = tensor(
      [
        [1e308, -1e308],
        [1, 3],
      ],
      { dtype: 'float64' },
    );
    expect(Array.from(variance(rows, 1).data)).toEqual([Infinity, 1]);
  });

  it('stays finite when only the squares overflow', () => {
    // Each squared deviation is 1e308, so their sum 4e308 overflows, yet the mean of them fits.
    const a = 1e154;
    const x = tensor([a, -a, a, -a], { dtype: 'float64' });
    const actual = variance(x).data[0] as number;
    // Scaling by a power of two is exact, so only the two passes' few roundings remain.
    expect(Math.abs(actual - 1e308) / 1e308).toBeLessThan(1e-15);
  });

  it('is NaN for NaN or infinite values', () => {
    for (const bad of [NaN, Infinity, -Infinity]) {
      expect(variance(tensor([bad, 1], { dtype: 'float64' })).data[0]).toBeNaN();
    }
  });

  it('keeps the spread of values near 1e10', () => {
    // One-pass E[x²] − E[x]² would lose all digits here: 1e20 has no room for a spread of 1.
    const x = tensor([1e10 - 1, 1e10 + 1, 1e10 - 1, 1e10 + 1], { dtype: 'float64' });
    expect(variance(x).data[0]).toBe(1);
    expect(variance(x, 0, { unbiased: true }).data[0]).toBeCloseTo(4 / 3, 15);
  });

  it('gives NaN when too few values for the divisor', () => {
    expect(variance(tensor([5]), 0, { unbiased: true }).data[0]).toBeNaN();
    expect(variance(tensor([5])).data[0]).toBe(0);
  });
});

describe('max and argmax', () => {
  it('find the maximum of each row', () => {
    const x = tensor([
      [1, 9, 3],
      [7, 2, 7],
    ]);
    expect(toNested(max(x))).toEqual([9, 7]);
    expect(toNested(max(x, 0))).toEqual([7, 9, 7]);
    expect(toNested(argmax(x))).toEqual([1, 0]);
    expect(toNested(argmax(x, 0))).toEqual([1, 0, 1]);
  });

  it('agree with each other and with Math.max', () => {
    const operand = fc
      .tuple(dimension(9), dimension(9), floatDType())
      .chain(([m, n, d]) => matrix(m, n, d));
    fc.assert(
      fc.property(operand, (x) => {
        const rows = lines(x, 1);
        expect(Array.from(max(x).data)).toEqual(rows.map((row) => Math.max(...row)));
        const indices = argmax(x);
        expect(indices.dtype).toBe('int32');
        rows.forEach((row, r) => {
          const index = indices.data[r] as number;
          expect(row[index]).toBe(Math.max(...row));
          expect(row.indexOf(Math.max(...row))).toBe(index);
        });
      }),
    );
  });

  it('let NaN win', () => {
    const x = tensor([[1, NaN, 3]]);
    expect(max(x).data[0]).toBeNaN();
    expect(argmax(x).data[0]).toBe(1);
  });

  it('reject empty axes and bad axes', () => {
    expect(() => argmax(tensor([[]]))).toThrow(ShapeError);
    expect(() => max(tensor([[1]]), 2)).toThrow(InvalidArgumentError);
    expect(() => max(tensor([[1]]), 2)).toThrow(
      /max: axis must be an integer in \[-2, 1\] \(got 2\)/,
    );
  });
});

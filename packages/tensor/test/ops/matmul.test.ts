import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  add,
  DTypeError,
  matmul,
  ShapeError,
  tensor,
  toNested,
  transpose,
  type FloatDType,
  type FloatTensor,
} from '@puregrad/tensor';
import { dimension, floatDType, matrix } from '../helpers/arbitraries.js';
import { expectClose, sumTolerance } from '../helpers/tolerance.js';

/** Returns |a| · |b| in float64: per entry, Σ_p |a_ip| · |b_pj|, which tolerances scale with. */
function absoluteProduct(a: FloatTensor, b: FloatTensor): FloatTensor {
  const abs = (x: FloatTensor) =>
    tensor(Array.from(x.data, Math.abs), { shape: x.shape, dtype: 'float64' });
  return matmul(abs(a), abs(b));
}

const threeMatrices = fc
  .tuple(dimension(), dimension(), dimension(), dimension(), floatDType())
  .chain(([m, k, l, n, dtype]) =>
    fc.tuple(matrix(m, k, dtype), matrix(k, l, dtype), matrix(l, n, dtype)),
  );

describe('matmul', () => {
  it('multiplies a hand-computed case', () => {
    const a = tensor([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    const b = tensor([
      [7, 8],
      [9, 10],
      [11, 12],
    ]);
    expect(toNested(matmul(a, b))).toEqual([
      [58, 64],
      [139, 154],
    ]);
  });

  it('equals explicit transposes in every case', () => {
    const operands = fc
      .tuple(dimension(9), dimension(9), dimension(9), floatDType())
      .chain(([m, k, n, dtype]) => fc.tuple(matrix(m, k, dtype), matrix(k, n, dtype)));
    fc.assert(
      fc.property(operands, ([a, b]) => {
        const expected = matmul(a, b).data;
        // Transposing moves elements without arithmetic, so every case must agree exactly.
        const cases = [
          matmul(transpose(a), b, { transposeA: true }),
          matmul(a, transpose(b), { transposeB: true }),
          matmul(transpose(a), transpose(b), { transposeA: true, transposeB: true }),
        ];
        for (const result of cases) expect(Array.from(result.data)).toEqual(Array.from(expected));
      }),
    );
  });

  it('is associative within rounding', () => {
    fc.assert(
      fc.property(threeMatrices, ([a, b, c]) => {
        const dtype = a.dtype as FloatDType;
        const left = matmul(matmul(a, b), c);
        const right = matmul(a, matmul(b, c));
        // Each side computes Σ_pq a_ip b_pq c_qj with at most k + l roundings per term, so
        // each is within (k + l) · u · (|a| |b| |c|)_ij of the exact value.
        const magnitude = absoluteProduct(absoluteProduct(a, b), c).data;
        const terms = (a.shape[1] as number) + (b.shape[1] as number);
        expectClose(
          left.data,
          right.data,
          (i) => 2 * sumTolerance(dtype, terms, magnitude[i] as number),
        );
      }),
    );
  });

  it('distributes over addition within rounding', () => {
    const operands = fc
      .tuple(dimension(), dimension(), dimension(), floatDType())
      .chain(([m, k, n, dtype]) =>
        fc.tuple(matrix(m, k, dtype), matrix(k, n, dtype), matrix(k, n, dtype)),
      );
    fc.assert(
      fc.property(operands, ([a, b, c]) => {
        const dtype = a.dtype as FloatDType;
        const left = matmul(a, add(b, c));
        const right = add(matmul(a, b), matmul(a, c));
        // Both sides are sums of k + 1 rounded terms bounded by |a| (|b| + |c|).
        const magnitude = add(absoluteProduct(a, b), absoluteProduct(a, c)).data;
        const terms = (a.shape[1] as number) + 1;
        expectClose(
          left.data,
          right.data,
          (i) => 2 * sumTolerance(dtype, terms, magnitude[i] as number),
        );
      }),
    );
  });

  it('names both shapes when the inner dimensions differ', () => {
    const a = tensor([[1, 2, 3]]);
    const b = tensor([[1, 2]]);
    expect(() => matmul(a, b)).toThrow(ShapeError);
    expect(() => matmul(a, b)).toThrow(
      'matmul: inner dimensions must match, but a [1, 3] has 3 columns and b [1, 2] has 1 rows.',
    );
    expect(() => matmul(a, b, { transposeB: true })).toThrow(/bᵀ of b \[1, 2\] has 2 rows/);
  });

  it('rejects mixed dtypes and vectors', () => {
    const a = tensor([[1, 2]]);
    expect(() => matmul(a, tensor([[1], [2]], { dtype: 'float64' }))).toThrow(DTypeError);
    expect(() => matmul(a, tensor([1, 2]))).toThrow(
      /matmul: b must have 2 axes \(got shape \[2\]\)/,
    );
  });
});

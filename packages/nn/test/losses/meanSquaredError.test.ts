import {
  DTypeError,
  ShapeError,
  tensor,
  toArray,
  toNested,
  type FloatTensor,
  type Int32Tensor,
} from '@puregrad/tensor';
import { meanSquaredError } from '@puregrad/nn';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { centralDifference, expectClose, f64, matrixArbitrary } from '../helpers/numeric.js';

const predictions = f64([
  [1, 2],
  [3, 4],
]);
const targets = f64([
  [0, 0],
  [3, 2],
]);

describe('meanSquaredError', () => {
  it('sums over features and averages over the batch', () => {
    // (1 + 4) + (0 + 4) over 2 rows.
    expect(meanSquaredError.compute(predictions, targets)).toBe(4.5);
  });

  it('is the number of features times PyTorch MSELoss', () => {
    const elementMean = (1 + 4 + 0 + 4) / 4;
    expect(meanSquaredError.compute(predictions, targets)).toBe(2 * elementMean);
  });

  it('has gradient 2/m (ŷ − y)', () => {
    expect(toNested(meanSquaredError.derivative(predictions, targets))).toEqual([
      [1, 2],
      [0, 2],
    ]);
  });

  it('fuses value and gradient', () => {
    fc.assert(
      fc.property(
        fc
          .tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }))
          .chain(([r, c]) =>
            fc.tuple(
              matrixArbitrary(fc.constant(r), fc.constant(c)),
              matrixArbitrary(fc.constant(r), fc.constant(c)),
            ),
          ),
        ([p, t]) => {
          const { value, grad } = meanSquaredError.valueAndGradient(p, t);
          expect(value).toBe(meanSquaredError.compute(p, t));
          expect(toArray(grad)).toEqual(toArray(meanSquaredError.derivative(p, t)));
          // float64 central differences of a quadratic are exact up to rounding (≈1e-10 here).
          expectClose(
            toArray(grad),
            centralDifference(p, (q) => meanSquaredError.compute(q, t)),
            1e-7,
          );
        },
      ),
    );
  });

  it('rejects targets [n] against predictions [n, 1]', () => {
    const call = () => meanSquaredError.compute(f64([[1], [2]]), f64([1, 2]));
    expect(call).toThrow(ShapeError);
    expect(call).toThrow(/targets must have the predictions' shape \[2, 1\] \(got \[2\]\)/);
  });

  it('rejects int32 targets', () => {
    const labels = tensor([1, 2], { dtype: 'int32' }) as Int32Tensor;
    expect(() => meanSquaredError.compute(f64([[1], [2]]), labels)).toThrow(DTypeError);
  });

  it('rejects targets of another dtype', () => {
    const call = () =>
      meanSquaredError.compute(
        predictions,
        tensor([
          [0, 0],
          [3, 2],
        ]) as FloatTensor,
      );
    expect(call).toThrow(/targets must have the predictions' dtype float64 \(got float32\)/);
  });

  it('rejects predictions that are not [batch, outputs]', () => {
    expect(() => meanSquaredError.compute(f64([1, 2]), f64([1, 2]))).toThrow(
      /predictions must be \[batch, outputs\]/,
    );
  });

  it('leaves its inputs unchanged', () => {
    const before = [toArray(predictions), toArray(targets)];
    meanSquaredError.valueAndGradient(predictions, targets);
    expect([toArray(predictions), toArray(targets)]).toEqual(before);
  });
});

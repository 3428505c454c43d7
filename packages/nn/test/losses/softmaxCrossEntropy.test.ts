import {
  DTypeError,
  InvalidArgumentError,
  oneHot,
  ShapeError,
  tensor,
  toArray,
  toNested,
  type FloatTensor,
  type Int32Tensor,
} from '@puregrad/tensor';
import { softmax, softmaxCrossEntropy } from '@puregrad/nn';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { centralDifference, expectClose, f64, matrixArbitrary } from '../helpers/numeric.js';

const labels = (values: number[]) => tensor(values, { dtype: 'int32' }) as Int32Tensor;

describe('softmaxCrossEntropy', () => {
  it('is log 2 for two equal logits', () => {
    expect(softmaxCrossEntropy.compute(f64([[0, 0]]), labels([0]))).toBe(Math.log(2));
    expect(toNested(softmaxCrossEntropy.derivative(f64([[0, 0]]), labels([0])))).toEqual([
      [-0.5, 0.5],
    ]);
  });

  it('averages over the batch', () => {
    // Rows: log 2 and log(1 + e²) − 0 with label 0 on logits [0, 2].
    const value = softmaxCrossEntropy.compute(
      f64([
        [0, 0],
        [0, 2],
      ]),
      labels([1, 0]),
    );
    expectClose([value], [(Math.log(2) + Math.log(1 + Math.exp(2))) / 2], 1e-15);
  });

  it('takes probability rows', () => {
    // softmax([0, ln 3]) = [1/4, 3/4], equal to the targets, so the gradient is 0 up to rounding
    // and the loss is the targets' entropy.
    const t = f64([[0.25, 0.75]]);
    const { value, grad } = softmaxCrossEntropy.valueAndGradient(f64([[0, Math.log(3)]]), t);
    expectClose([value], [-(0.25 * Math.log(0.25) + 0.75 * Math.log(0.75))], 1e-15);
    for (const g of toArray(grad)) expect(Math.abs(g)).toBeLessThan(1e-15);
  });

  it('gives labels and one-hot rows the same value and gradient', () => {
    const z = f64([
      [1, -2, 0.5],
      [0.3, 0.3, 4],
      [-1, 2, 2],
    ]);
    const ids = [2, 0, 1];
    const fromLabels = softmaxCrossEntropy.valueAndGradient(z, labels(ids));
    const fromRows = softmaxCrossEntropy.valueAndGradient(
      z,
      oneHot(ids, 3, 'float64') as FloatTensor,
    );
    expect(fromLabels.value).toBe(fromRows.value);
    expect(toArray(fromLabels.grad)).toEqual(toArray(fromRows.grad));
  });

  it('stays finite for logits of 1e4', () => {
    const { value, grad } = softmaxCrossEntropy.valueAndGradient(
      f64([[1e4, -1e4, 0]]),
      labels([1]),
    );
    expect(value).toBe(2e4);
    expect(toArray(grad)).toEqual([1, -1, 0]);
  });

  it('has gradient (softmax − y)/m, matching central differences', () => {
    const cases = fc
      .integer({ min: 2, max: 5 })
      .chain((classes) =>
        fc.tuple(
          matrixArbitrary(fc.integer({ min: 1, max: 4 }), fc.constant(classes), 5),
          fc.array(fc.nat(classes - 1), { minLength: 4, maxLength: 4 }),
        ),
      );
    fc.assert(
      fc.property(cases, ([z, ids]) => {
        const [batch, classes] = z.shape as [number, number];
        const y = oneHot(ids.slice(0, batch), classes, 'float64') as FloatTensor;
        const { grad } = softmaxCrossEntropy.valueAndGradient(z, y);
        const s = toArray(softmax(z));
        const expected = toArray(y).map((t, i) => ((s[i] as number) - t) / batch);
        expect(toArray(grad)).toEqual(expected);
        // float64 central differences with h = 1e-6 are accurate to about 1e-9 for |z| ≤ 5.
        expectClose(
          toArray(grad),
          centralDifference(z, (q) => softmaxCrossEntropy.compute(q, y)),
          1e-7,
        );
      }),
    );
  });

  it('rejects target rows that do not sum to 1', () => {
    const call = () =>
      softmaxCrossEntropy.compute(
        f64([
          [0, 0],
          [1, 1],
        ]),
        f64([
          [1, 0],
          [1, 1],
        ]),
      );
    expect(call).toThrow(InvalidArgumentError);
    expect(call).toThrow(/every target row must sum to 1 within 0.000001 \(got 2 in row 1\)/);
  });

  it('rejects target entries outside [0, 1]', () => {
    // Both rows sum to 1, so only the entry check can catch them.
    const negative = () => softmaxCrossEntropy.compute(f64([[1, 2, 3]]), f64([[-1, 0, 2]]));
    expect(negative).toThrow(InvalidArgumentError);
    expect(negative).toThrow(/every target entry must be in \[0, 1\] \(got -1 at \[0, 0\]\)/);
    const aboveOne = () =>
      softmaxCrossEntropy.valueAndGradient(
        f64([
          [0, 0],
          [0, 0],
        ]),
        f64([
          [0.5, 0.5],
          [3, -2],
        ]),
      );
    expect(aboveOne).toThrow(/got 3 at \[1, 0\]/);
    expect(() => softmaxCrossEntropy.derivative(f64([[0, 0]]), f64([[NaN, 1]]))).toThrow(
      /got NaN at \[0, 0\]/,
    );
  });

  it('accepts targets with entries at 0 and 1', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.nat(), (classes, pick) => {
        const row = Array.from({ length: classes }, (_, j) => (j === pick % classes ? 1 : 0));
        const value = softmaxCrossEntropy.compute(f64([row.map(() => 0)]), f64([row]));
        // Equal logits give log(classes) whatever the one-hot row; 1e-12 covers float64 rounding.
        expect(Math.abs(value - Math.log(classes))).toBeLessThan(1e-12);
      }),
    );
  });

  it('rejects labels out of range', () => {
    const call = () => softmaxCrossEntropy.compute(f64([[0, 0]]), labels([2]));
    expect(call).toThrow(/label 0 must be in \[0, 1\] for 2 classes \(got 2\)/);
    expect(() => softmaxCrossEntropy.compute(f64([[0, 0]]), labels([-1]))).toThrow(
      InvalidArgumentError,
    );
  });

  it('rejects float labels', () => {
    const call = () => softmaxCrossEntropy.compute(f64([[0, 0]]), f64([1]));
    expect(call).toThrow(DTypeError);
    expect(call).toThrow(/labels \[batch\] must be int32 \(got float64\)/);
  });

  it('rejects labels of another length', () => {
    expect(() =>
      softmaxCrossEntropy.compute(
        f64([
          [0, 0],
          [1, 1],
        ]),
        labels([0]),
      ),
    ).toThrow(ShapeError);
  });

  it.each([NaN, Infinity, -Infinity])('rejects a logit of %s', (bad) => {
    const call = () =>
      softmaxCrossEntropy.compute(
        f64([
          [0, 1],
          [bad, 0],
        ]),
        labels([0, 1]),
      );
    expect(call).toThrow(InvalidArgumentError);
    expect(call).toThrow(new RegExp(`logits must be finite \\(got ${bad} at \\[1, 0\\]\\)`));
  });

  it('rejects target rows of another shape', () => {
    const call = () => softmaxCrossEntropy.compute(f64([[0, 0]]), f64([[0.5, 0.25, 0.25]]));
    expect(call).toThrow(/targets must have the predictions' shape \[1, 2\] \(got \[1, 3\]\)/);
  });

  it('is unchanged by a constant added to a row', () => {
    const z = f64([[1, -2, 0.5]]);
    const shifted = f64([[101, 98, 100.5]]);
    // Shifting by 100 changes the float64 rounding of the logits by up to 100 · 2⁻⁵² each.
    expectClose(
      [softmaxCrossEntropy.compute(shifted, labels([0]))],
      [softmaxCrossEntropy.compute(z, labels([0]))],
      1e-13,
    );
  });
});

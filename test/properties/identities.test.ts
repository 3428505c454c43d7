import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { batchArbitrary, tensorArbitrary } from '@puregrad/check';
import { logsumexp, meanSquaredError, softmaxCrossEntropy } from '@puregrad/nn';
import { add, tensor, type Float64Tensor } from '@puregrad/tensor';
import { classificationCaseArbitrary, regressionCaseArbitrary } from './lossArbitraries.js';

// Each result below is a short float64 sum with relative rounding near 1e-16 per term. A bound
// of 1e-12 of the magnitudes involved covers that rounding and the log and exp calls. A formula
// error, such as a missing 1/m or a wrong shift, is many orders of magnitude larger.
const RELATIVE = 1e-12;

// A constant in [-100, 100], spread evenly; fc.double would draw mostly tiny values.
const shift = fc.integer({ min: -1_000_000, max: 1_000_000 }).map((step) => step / 10_000);

/** Computes the unshifted `log Σ_j exp(z_ij)` per row, which float64 holds where |z| ≤ 50. */
function naiveLogSumExp(z: Float64Tensor): number[] {
  const [rows, cols] = z.shape as [number, number];
  return Array.from({ length: rows }, (_, r) => {
    let total = 0;
    for (let c = 0; c < cols; c++) total += Math.exp(z.data[r * cols + c] as number);
    return Math.log(total);
  });
}

/** Returns `(softmax(z) − y) / m` from its definition, for rows of y that sum to 1. */
function referenceCrossEntropyGrad(z: Float64Tensor, y: Float64Tensor): number[] {
  const [rows, cols] = z.shape as [number, number];
  const lse = naiveLogSumExp(z);
  return Array.from(z.data, (value, i) => {
    const r = Math.floor(i / cols);
    return (Math.exp(value - (lse[r] as number)) - (y.data[i] as number)) / rows;
  });
}

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, scale: number[]) {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const bound = RELATIVE * Math.max(1, scale[i] ?? 0);
    expect(Math.abs((actual[i] as number) - (expected[i] as number))).toBeLessThanOrEqual(bound);
  }
}

const logits = batchArbitrary({ featureShape: [4], minBatch: 1, min: -50, max: 50 });

describe('logsumexp', () => {
  it('shifts by a constant', () => {
    fc.assert(
      fc.property(logits, shift, (z, c) => {
        const base = logsumexp(z).data;
        const shifted = logsumexp(add(z, c)).data;
        const expected = Array.from(base, (value) => value + c);

        expectClose(
          shifted,
          expected,
          Array.from(base, (value) => Math.abs(value) + Math.abs(c)),
        );
      }),
    );
  });

  it('equals the unshifted sum for |z| ≤ 50', () => {
    fc.assert(
      fc.property(logits, (z) => {
        const reference = naiveLogSumExp(z);

        expectClose(logsumexp(z).data, reference, reference.map(Math.abs));
      }),
    );
  });
});

describe('softmax cross-entropy', () => {
  it('ignores a constant added to each row', () => {
    fc.assert(
      fc.property(classificationCaseArbitrary(20), shift, ({ predictions, targets }, c) => {
        const loss = softmaxCrossEntropy.compute(predictions, targets);
        const shifted = softmaxCrossEntropy.compute(add(predictions, c), targets);

        expect(Math.abs(shifted - loss)).toBeLessThanOrEqual(
          RELATIVE * (Math.abs(loss) + Math.abs(c)),
        );
      }),
    );
  });

  it('has gradient (softmax − targets) / m', () => {
    fc.assert(
      fc.property(classificationCaseArbitrary(20), ({ predictions, targets }) => {
        const { grad } = softmaxCrossEntropy.valueAndGradient(predictions, targets);
        const expected = referenceCrossEntropyGrad(predictions, targets);

        // Each entry lies in [-1/m, 1/m], so the bound is an absolute 1e-12.
        expectClose(grad.data, expected, []);
        expectClose(softmaxCrossEntropy.derivative(predictions, targets).data, expected, []);
      }),
    );
  });

  it('stays finite for logits of 1e4', () => {
    const targets = tensor(
      [
        [1, 0, 0, 0],
        [0, 0.5, 0.5, 0],
        [0, 0, 0, 1],
      ],
      { dtype: 'float64' },
    );
    fc.assert(
      fc.property(tensorArbitrary({ shape: [3, 4], min: -1e4, max: 1e4 }), (large) => {
        const { value, grad } = softmaxCrossEntropy.valueAndGradient(large, targets);

        expect(Number.isFinite(value)).toBe(true);
        // Each entry (softmax − targets) / m lies in [-1/m, 1/m] with m = 3.
        expect(Array.from(grad.data).every((g) => Math.abs(g) <= 1 / 3)).toBe(true);
      }),
    );
  });

  it('matches a hand value where exp overflows', () => {
    const large = tensor([[1e4, 0, -1e4, 1e4 - 1]], { dtype: 'float64' });
    const label0 = tensor([[1, 0, 0, 0]], { dtype: 'float64' });

    // exp(1e4) is Infinity in float64, so the unshifted formula fails on this row.
    expect(naiveLogSumExp(large)[0]).toBe(Infinity);
    // loss = logsumexp(z) − z₀ = log(1 + e⁻¹ + e⁻¹⁰⁰⁰⁰ + e⁻²⁰⁰⁰⁰), and the last two vanish.
    const loss = softmaxCrossEntropy.compute(large, label0);
    expect(Math.abs(loss - Math.log(1 + Math.exp(-1)))).toBeLessThanOrEqual(RELATIVE);
  });
});

describe('mean squared error', () => {
  it('has gradient 2/m (ŷ − y)', () => {
    fc.assert(
      fc.property(regressionCaseArbitrary(), ({ predictions, targets }) => {
        const m = predictions.shape[0] as number;
        const expected = Array.from(
          predictions.data,
          (p, i) => (2 / m) * (p - (targets.data[i] as number)),
        );
        const { grad } = meanSquaredError.valueAndGradient(predictions, targets);

        expectClose(grad.data, expected, expected.map(Math.abs));
        expectClose(
          meanSquaredError.derivative(predictions, targets).data,
          expected,
          expected.map(Math.abs),
        );
      }),
    );
  });
});

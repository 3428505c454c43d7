import fc from 'fast-check';
import { batchArbitrary, tensorArbitrary } from '@puregrad/check';
import { tensor, type Float64Tensor, type Int32Tensor } from '@puregrad/tensor';

/** Predictions and float targets of one shape `[batch, outputs]`. */
export interface RowsCase {
  readonly predictions: Float64Tensor;
  readonly targets: Float64Tensor;
}

/** Logits `[batch, classes]` with int32 labels `[batch]`. */
export interface LabelsCase {
  readonly predictions: Float64Tensor;
  readonly targets: Int32Tensor;
}

const shapes = fc.record({
  batch: fc.integer({ min: 1, max: 5 }),
  outputs: fc.integer({ min: 1, max: 5 }),
});

/** Generates predictions and targets in [-scale, scale] of one random shape, for MSE. */
export function regressionCaseArbitrary(scale = 3): fc.Arbitrary<RowsCase> {
  return shapes.chain(({ batch, outputs }) =>
    fc.record({
      predictions: tensorArbitrary({ shape: [batch, outputs], min: -scale, max: scale }),
      targets: tensorArbitrary({ shape: [batch, outputs], min: -scale, max: scale }),
    }),
  );
}

/**
 * Generates target rows that sum to 1: a random positive row divided by its sum, or a one-hot
 * row, with `classes` entries.
 */
export function probabilityRowsArbitrary(
  batch: number,
  classes: number,
): fc.Arbitrary<Float64Tensor> {
  const oneHotRow = fc
    .integer({ min: 0, max: classes - 1 })
    .map((label) => Array.from({ length: classes }, (_, j) => Number(j === label)));
  const softRow = fc
    .array(fc.double({ min: 0.05, max: 1, noNaN: true }), {
      minLength: classes,
      maxLength: classes,
    })
    .map((row) => {
      const total = row.reduce((sum, value) => sum + value, 0);
      return row.map((value) => value / total);
    });
  return fc
    .array(fc.oneof(oneHotRow, softRow), { minLength: batch, maxLength: batch })
    .map((rows) => tensor(rows, { dtype: 'float64' }));
}

/** Generates logits in [-scale, scale] with probability-row targets, for cross-entropy. */
export function classificationCaseArbitrary(scale = 5): fc.Arbitrary<RowsCase> {
  return shapes.chain(({ batch, outputs }) =>
    fc.record({
      predictions: tensorArbitrary({ shape: [batch, outputs], min: -scale, max: scale }),
      targets: probabilityRowsArbitrary(batch, outputs),
    }),
  );
}

/** Generates logits in [-scale, scale] with int32 class labels, for cross-entropy. */
export function labelsCaseArbitrary(scale = 5): fc.Arbitrary<LabelsCase> {
  return shapes.chain(({ batch, outputs }) =>
    fc.record({
      predictions: batchArbitrary({
        featureShape: [outputs],
        minBatch: batch,
        maxBatch: batch,
        min: -scale,
        max: scale,
      }),
      targets: fc
        .array(fc.integer({ min: 0, max: outputs - 1 }), { minLength: batch, maxLength: batch })
        .map((labels) => tensor(labels, { dtype: 'int32' })),
    }),
  );
}

import {
  allocate,
  assertRank,
  formatShape,
  ShapeError,
  unsafeFromData,
  type FloatDType,
  type Tensor,
} from '@puregrad/tensor';
import type { Dataset } from './dataset.js';

/**
 * Per-feature statistics fitted on training inputs, kept so that the same transform applies to
 * validation, test and prediction inputs (and so a checkpoint can store it).
 */
export interface Standardization {
  /** The mean of each feature, `[features]`. */
  readonly mean: readonly number[];
  /** The population standard deviation of each feature, `[features]`; 1 for a constant feature. */
  readonly std: readonly number[];
  /** The indices of the features whose variance is 0, which map to 0 after standardization. */
  readonly constantFeatures: readonly number[];
}

/**
 * Fits per-feature statistics on `inputs` `[n, features]`: mean μ and population standard
 * deviation σ = √(Σ (x − μ)² / n). The variance is accumulated in float64 in two passes around the
 * first row as a shift, so a constant column gives exactly 0 however large its value. A feature
 * of variance 0 gets σ = 1, so that standardization maps it to 0 and never divides by zero.
 */
export function fitStandardization(inputs: Tensor<FloatDType>): Standardization {
  assertRank('fitStandardization', 'inputs', inputs, 2);
  const [n, features] = inputs.shape as [number, number];
  const shift = Array.from({ length: features }, (_, j) =>
    n > 0 ? (inputs.data[j] as number) : 0,
  );

  const sums = new Float64Array(features);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < features; j++)
      sums[j]! += (inputs.data[i * features + j] as number) - shift[j]!;
  const shiftedMeans = Array.from(sums, (sum) => (n > 0 ? sum / n : 0));

  const squares = new Float64Array(features);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < features; j++) {
      const d = (inputs.data[i * features + j] as number) - shift[j]! - shiftedMeans[j]!;
      squares[j]! += d * d;
    }

  const std = Array.from(squares, (square) => (n > 0 ? Math.sqrt(square / n) : 0));
  const constantFeatures = std.flatMap((s, j) => (s === 0 ? [j] : []));
  return {
    mean: Object.freeze(shiftedMeans.map((mean, j) => mean + shift[j]!)),
    std: Object.freeze(std.map((s) => (s === 0 ? 1 : s))),
    constantFeatures: Object.freeze(constantFeatures),
  };
}

/** Applies fitted statistics to `inputs` `[n, features]`: (x − μ) / σ per feature, in the input's dtype. */
export function applyStandardization<T extends Tensor<FloatDType>>(
  stats: Standardization,
  inputs: T,
): T {
  assertRank('applyStandardization', 'inputs', inputs, 2);
  const [n, features] = inputs.shape as [number, number];
  if (features !== stats.mean.length) {
    throw new ShapeError(
      `applyStandardization: inputs must have ${stats.mean.length} features like the fitted data (got shape ${formatShape(inputs.shape)}). Fit and apply on the same columns.`,
    );
  }
  const out = allocate(inputs.dtype, n * features);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < features; j++) {
      const x = inputs.data[i * features + j] as number;
      out[i * features + j] = (x - stats.mean[j]!) / stats.std[j]!;
    }
  return unsafeFromData(out, inputs.shape) as Tensor as T;
}

/**
 * Fits standardization on `train` and applies it to `train` and each of `others` (validation,
 * test), returning the statistics with the new data sets.
 *
 * @example
 * const { stats, train, others: [test] } = standardize(splits.train, splits.test);
 */
export function standardize<T extends Dataset>(
  train: T,
  ...others: readonly T[]
): { stats: Standardization; train: T; others: T[] } {
  const stats = fitStandardization(train.inputs);
  const apply = (dataset: T): T => ({
    ...dataset,
    inputs: applyStandardization(stats, dataset.inputs),
  });
  return { stats, train: apply(train), others: others.map(apply) };
}

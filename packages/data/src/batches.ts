import {
  gather,
  oneHot,
  InvalidArgumentError,
  permutation,
  type FloatDType,
  type Int32Tensor,
  type Key,
  type Tensor,
} from '@puregrad/tensor';
import { datasetSize, type ClassificationDataset, type Dataset } from './dataset.js';

/** Options of {@link batchIndices} and {@link batches}. */
export interface BatchOptions {
  /** The number of samples per batch, a positive integer. */
  readonly batchSize: number;
  /** A key to shuffle the samples with; the samples keep their order without one. */
  readonly key?: Key;
  /** Whether to drop a last batch smaller than `batchSize`. false unless given. */
  readonly dropLast?: boolean;
}

/** One mini-batch: inputs `[batch, features]` and the matching targets. */
export interface Batch {
  readonly inputs: Tensor<FloatDType>;
  /** One-hot rows `[batch, classes]` for classification, `[batch, 1]` for regression. */
  readonly targets: Tensor<FloatDType>;
  /** The int32 labels `[batch]`, for classification only. */
  readonly labels?: Int32Tensor;
}

/**
 * Returns the sample indices of each batch: `0..n−1`, or a permutation of them when `key` is
 * given, cut into runs of `batchSize`. The last run is shorter unless `dropLast` drops it.
 */
export function batchIndices(n: number, options: BatchOptions): number[][] {
  const { batchSize, key, dropLast = false } = options;
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new InvalidArgumentError(
      `batchIndices: batchSize must be a positive integer (got ${batchSize}). Pass e.g. 32.`,
    );
  }
  const order =
    key === undefined
      ? Array.from({ length: n }, (_, i) => i)
      : Array.from(permutation(key, n).data);
  const out: number[][] = [];
  for (let start = 0; start < n; start += batchSize) {
    const run = order.slice(start, start + batchSize);
    if (run.length < batchSize && dropLast) break;
    out.push(run);
  }
  return out;
}

/**
 * Cuts a data set into mini-batches as {@link batchIndices} orders them. Classification targets
 * are one-hot rows in the inputs' dtype, ready for softmax cross-entropy.
 *
 * @example
 * for (const batch of batches(train, { batchSize: 128, key: foldIn(key, epoch) })) { ... }
 */
export function batches(dataset: Dataset, options: BatchOptions): Batch[] {
  const targets: Tensor =
    dataset.task === 'classification' ? oneHotLabels(dataset) : dataset.targets;
  return batchIndices(datasetSize(dataset), options).map((indices) => ({
    inputs: gather(dataset.inputs, indices),
    targets: gather(targets, indices) as Tensor<FloatDType>,
    ...(dataset.task === 'classification' ? { labels: gather(dataset.labels, indices) } : {}),
  }));
}

/**
 * Encodes a data set's labels as one-hot rows `[n, classes]` in the inputs' dtype: row i has a 1
 * in column `labels[i]` and 0 elsewhere.
 */
export function oneHotLabels(dataset: ClassificationDataset): Tensor<FloatDType> {
  return oneHot(dataset.labels, dataset.classes.length, dataset.inputs.dtype);
}

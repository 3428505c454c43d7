import type { FloatDType, Int32Tensor, Tensor } from '@puregrad/tensor';

/**
 * A labelled data set for classification, as an immutable value. Row i of `inputs` is sample i,
 * flattened row-major from `featureShape`, and `labels[i]` indexes `classes`.
 */
export interface ClassificationDataset<D extends FloatDType = FloatDType> {
  readonly task: 'classification';
  /** A short name for reports and checkpoints, e.g. `digits/train`. */
  readonly name: string;
  /** The samples, `[n, features]`. */
  readonly inputs: Tensor<D>;
  /** The class index of each sample, `[n]`, each in [0, classes.length). */
  readonly labels: Int32Tensor;
  /** The class names; index k is the name of label k. */
  readonly classes: readonly string[];
  /** The shape of one sample before flattening, e.g. `[28, 28]` for a digit or `[4]` for iris. */
  readonly featureShape: readonly number[];
  /** The name of each feature column, when the source has names (CSV headers). */
  readonly featureNames?: readonly string[];
}

/** A data set for regression: like {@link ClassificationDataset}, with float targets in place of labels. */
export interface RegressionDataset<D extends FloatDType = FloatDType> {
  readonly task: 'regression';
  readonly name: string;
  /** The samples, `[n, features]`. */
  readonly inputs: Tensor<D>;
  /** The target of each sample, `[n, 1]`. */
  readonly targets: Tensor<D>;
  readonly featureShape: readonly number[];
  readonly featureNames?: readonly string[];
  /** The name of the target column. */
  readonly targetName: string;
}

/** Either kind of data set. */
export type Dataset<D extends FloatDType = FloatDType> =
  ClassificationDataset<D> | RegressionDataset<D>;

/** Returns the number of samples of a data set. */
export function datasetSize(dataset: Dataset): number {
  return dataset.inputs.shape[0] as number;
}

/** A train and test pair, with an optional validation part taken from the training samples. */
export interface DatasetSplits<T extends Dataset = Dataset> {
  readonly train: T;
  readonly validation?: T;
  readonly test: T;
}

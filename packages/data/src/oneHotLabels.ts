import { oneHot, type FloatDType, type Tensor } from '@puregrad/tensor';
import type { ClassificationDataset } from './dataset.js';

/**
 * Encodes a data set's labels as one-hot rows `[n, classes]` in the inputs' dtype: row i has a 1
 * in column `labels[i]` and 0 elsewhere.
 */
export function oneHotLabels(dataset: ClassificationDataset): Tensor<FloatDType> {
  return oneHot(dataset.labels, dataset.classes.length, dataset.inputs.dtype);
}

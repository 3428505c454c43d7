import { gather } from '@puregrad/tensor';
import type { Dataset } from './dataset.js';

/** Returns the samples of `dataset` at `indices`, in that order, under a new name. */
export function subset<T extends Dataset>(dataset: T, indices: readonly number[], name: string): T {
  if (dataset.task === 'classification') {
    return {
      ...dataset,
      name,
      inputs: gather(dataset.inputs, indices),
      labels: gather(dataset.labels, indices),
    };
  }
  return {
    ...dataset,
    name,
    inputs: gather(dataset.inputs, indices),
    targets: gather(dataset.targets, indices),
  };
}

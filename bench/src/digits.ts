import { loadDigits as loadDigitSplits } from '@puregrad/data';

/** Images `[count, 784]` with pixels in [0, 1] and their labels `[count]` in 0 … 9. */
export interface DigitSet {
  readonly images: Float32Array;
  readonly labels: Int32Array;
  readonly count: number;
}

/** The benchmark's training and test digits. */
export interface DigitSplit {
  readonly train: DigitSet;
  readonly test: DigitSet;
}

export const PIXELS = 28 * 28;
export const CLASSES = 10;

/**
 * Loads the digits split of @puregrad/data without a validation share: 8,000 training and 2,000
 * test digits of the mnist package, stratified by class with a seeded split.
 */
export function loadDigits(seed = 0): DigitSplit {
  const result = loadDigitSplits({ seed, validationShare: 0 });
  // The Either is inspected by its tag, so bench needs no fp-ts import of its own.
  if (result._tag === 'Left') {
    throw new Error(`loadDigits: the digits failed to load: ${result.left.message}`);
  }
  const { train, test } = result.right;
  return {
    train: {
      images: train.inputs.data,
      labels: train.labels.data,
      count: train.labels.data.length,
    },
    test: { images: test.inputs.data, labels: test.labels.data, count: test.labels.data.length },
  };
}

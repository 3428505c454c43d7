import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

import { createRandom, shuffledIndices } from './random.js';

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

// The mnist package is a dependency of @puregrad/data, not of bench, so it is resolved from there.
const requireFromData = createRequire(new URL('../../packages/data/package.json', import.meta.url));

/**
 * Loads the 10,000 digits of the mnist package (version 1.1.0) and splits them into 8,000
 * training and 2,000 test digits with a seeded shuffle.
 */
// NOTE: replaces the digits split of @puregrad/data until that package exports it; the
// split differs from that one, so accuracies from the two are not comparable digit for digit.
export function loadDigits(trainCount = 8000, seed = 0): DigitSplit {
  const all = readAllDigits();
  const order = shuffledIndices(all.count, createRandom(seed));
  return {
    train: pickDigits(all, order.subarray(0, trainCount)),
    test: pickDigits(all, order.subarray(trainCount)),
  };
}

function readAllDigits(): DigitSet {
  const perDigit: number[][] = [];
  for (let digit = 0; digit < CLASSES; digit++) {
    const path = requireFromData.resolve(`mnist/src/digits/${digit}.json`);
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as { data: number[] };
    perDigit.push(parsed.data);
  }

  const count = perDigit.reduce((total, pixels) => total + pixels.length / PIXELS, 0);
  const images = new Float32Array(count * PIXELS);
  const labels = new Int32Array(count);
  let row = 0;
  perDigit.forEach((pixels, digit) => {
    images.set(pixels, row * PIXELS);
    labels.fill(digit, row, row + pixels.length / PIXELS);
    row += pixels.length / PIXELS;
  });
  return { images, labels, count };
}

/** Copies the rows `indices` of a digit set, in that order. */
export function pickDigits(set: DigitSet, indices: ArrayLike<number>): DigitSet {
  const images = new Float32Array(indices.length * PIXELS);
  const labels = new Int32Array(indices.length);
  for (let i = 0; i < indices.length; i++) {
    const source = indices[i]!;
    images.set(set.images.subarray(source * PIXELS, (source + 1) * PIXELS), i * PIXELS);
    labels[i] = set.labels[source]!;
  }
  return { images, labels, count: indices.length };
}

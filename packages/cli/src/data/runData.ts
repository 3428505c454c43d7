import { resolve } from 'node:path';
import { isLeft, type Either } from 'fp-ts/lib/Either.js';
import {
  applyStandardization,
  fitStandardization,
  iris,
  loadDigits,
  readCsvFile,
  loadIdxDataset,
  stratifiedSplit,
  subset,
  type ClassificationDataset,
} from '@puregrad/data';
import { foldIn, permutation, split, type FloatTensor, type Key } from '@puregrad/tensor';
import type { Batch } from '@puregrad/train';
import { inputError } from '../cliError.js';
import { runKeys } from '../runKeys.js';
import type { DatasetSource } from '../commands/train/trainSettings.js';

/** The transform from raw feature values to network inputs: `(x − mean) / std` per feature, when present. */
export interface Preprocessing {
  readonly standardize?: { readonly mean: readonly number[]; readonly std: readonly number[] };
}

/** The splits of one run's data, with what a checkpoint needs to read new inputs the same way. */
export interface RunData {
  readonly train: ClassificationDataset;
  readonly validation?: ClassificationDataset;
  readonly test: ClassificationDataset;
  readonly classes: readonly string[];
  /** The number of input features per example. */
  readonly features: number;
  readonly featureNames?: readonly string[];
  readonly preprocessing: Preprocessing;
}

/** The data choices that decide which examples land in which split. */
export interface DataChoice {
  readonly dataset: DatasetSource;
  readonly seed: number;
  readonly validationShare: number;
  readonly limit: number | undefined;
}

/**
 * The parts of reading data that a checkpoint fixes, so `evaluate` on other data maps class names and
 * scales features as training did.
 */
export interface SavedPreparation {
  /** The class names in label order, so that a CSV maps its labels as at training. */
  readonly classes?: readonly string[];
  /** The training part's statistics, applied in place of fitting new ones. */
  readonly preprocessing?: Preprocessing;
  /** The number of input features of the checkpoint, which the data must match. */
  readonly features?: number;
}

/** The share of a data set without a published test part that `train` holds out for testing. */
export const testShare = 0.2;

/**
 * Loads the data set of a run and splits it: digits, CSV and iris by the seed into 80% train and
 * 20% test, both stratified by class; IDX files into their published train and t10k parts. The
 * validation share is then taken from the training part. Throws an input CliError on bad data.
 */
export function loadRunData(
  choice: DataChoice,
  command: string,
  saved: SavedPreparation = {},
): RunData {
  const [splitKey, limitKey] = split(runKeys(choice.seed).data) as [Key, Key];
  const parts = loadParts(choice, splitKey, command, saved.classes);
  const limited = limitParts(parts, choice.limit, limitKey);
  const first = limited.train;
  checkFeatures(first, saved.features, choice.dataset, command);
  const base = {
    classes: first.classes,
    features: first.inputs.shape[1] as number,
    featureNames: first.featureNames,
  };
  // Pixels already lie in [0, 1]; tabular features get zero mean and unit variance, fitted on the
  // training part only so no statistic leaks from validation or test.
  if (choice.dataset.kind === 'digits' || choice.dataset.kind === 'idx') {
    return { ...limited, ...base, preprocessing: {} };
  }
  return { ...standardizeParts(limited, saved.preprocessing), ...base };
}

function checkFeatures(
  dataset: ClassificationDataset,
  expected: number | undefined,
  source: DatasetSource,
  command: string,
): void {
  const features = dataset.inputs.shape[1] as number;
  if (expected === undefined || features === expected) return;
  throw inputError(
    `puregrad ${command}: the ${source.kind} data must have ${expected} features per example, ` +
      `as the checkpoint's input does (got ${features}). Use data like the training data.`,
  );
}

function standardizeParts(
  parts: Parts,
  saved: Preprocessing | undefined,
): Parts & { preprocessing: Preprocessing } {
  const fitted = saved?.standardize ?? fitStandardization(parts.train.inputs);
  const stats = { mean: fitted.mean, std: fitted.std, constantFeatures: [] };
  const apply = (dataset: ClassificationDataset) => ({
    ...dataset,
    inputs: applyStandardization(stats, dataset.inputs),
  });
  return {
    train: apply(parts.train),
    validation: parts.validation === undefined ? undefined : apply(parts.validation),
    test: apply(parts.test),
    preprocessing: { standardize: { mean: fitted.mean, std: fitted.std } },
  };
}

interface Parts {
  readonly train: ClassificationDataset;
  readonly validation?: ClassificationDataset;
  readonly test: ClassificationDataset;
}

function loadParts(
  choice: DataChoice,
  splitKey: Key,
  command: string,
  classes: readonly string[] | undefined,
): Parts {
  const { dataset: source, validationShare } = choice;
  switch (source.kind) {
    case 'digits':
      return unwrap(loadDigits({ key: splitKey, validationShare }), command);
    case 'idx': {
      const published = unwrap(loadIdxDataset(source.dir, { classes }), command);
      return holdOutValidation(published.train, published.test, validationShare, splitKey);
    }
    case 'csv':
    case 'iris': {
      const all =
        source.kind === 'iris' ? unwrap(iris(), command) : readCsv(source, command, classes);
      const parts = stratifiedSplit(all, {
        key: splitKey,
        share: testShare,
        names: [`${all.name}/train`, `${all.name}/test`],
      });
      return holdOutValidation(parts.rest, parts.share, validationShare, splitKey);
    }
  }
}

function readCsv(
  source: { file: string; target: string },
  command: string,
  classes: readonly string[] | undefined,
): ClassificationDataset {
  // An integer names a column by its 0-based index, anything else by its header.
  const target = /^\d+$/.test(source.target) ? Number(source.target) : source.target;
  const dataset = unwrap(readCsvFile(source.file, { target, file: source.file, classes }), command);
  if (dataset.task !== 'classification') {
    throw inputError(
      `puregrad ${command}: ${source.file} must be a classification data set. Use a class column as --target.`,
    );
  }
  // With one class the network learns a constant and scores 100%, so training on it is rejected.
  // With a checkpoint's classes (evaluate, resume), a file may still contain only one of them.
  if (classes === undefined && dataset.classes.length < 2) {
    throw inputError(
      `puregrad ${command}: ${source.file}: the target column "${source.target}" must have at ` +
        `least two classes for a classifier (got ${dataset.classes.length}: ${dataset.classes.join(', ')}). ` +
        'Use data with examples of two or more classes.',
    );
  }
  return dataset;
}

function holdOutValidation(
  train: ClassificationDataset,
  test: ClassificationDataset,
  share: number,
  splitKey: Key,
): Parts {
  if (share === 0) return { train, test };
  const parts = stratifiedSplit(train, {
    key: foldIn(splitKey, 1),
    share,
    names: [train.name, train.name.replace(/\/train$/, '') + '/validation'],
  });
  return { train: parts.rest, validation: parts.share, test };
}

function limitParts(parts: Parts, limit: number | undefined, limitKey: Key): Parts {
  if (limit === undefined) return parts;
  const keep = (dataset: ClassificationDataset, index: number) =>
    limitDataset(dataset, limit, foldIn(limitKey, index));
  return {
    train: keep(parts.train, 0),
    validation: parts.validation === undefined ? undefined : keep(parts.validation, 1),
    test: keep(parts.test, 2),
  };
}

/**
 * Keeps `limit` examples picked at random, in their original order. The first `limit` would not
 * do, because the digits come sorted by class.
 */
function limitDataset(dataset: ClassificationDataset, limit: number, key: Key) {
  const size = dataset.inputs.shape[0] as number;
  if (size <= limit) return dataset;
  const order = Array.from(permutation(key, size).data.subarray(0, limit)).sort((a, b) => a - b);
  return subset(dataset, order, dataset.name);
}

function unwrap<T>(result: Either<Error, T>, command: string): T {
  if (isLeft(result)) throw inputError(`puregrad ${command}: ${result.left.message}`);
  return result.right;
}

/** Returns a split as fit's and evaluate's batch: inputs `[n, features]` and int32 labels `[n]`. */
export function batchOf(dataset: ClassificationDataset): Batch {
  return { inputs: dataset.inputs as FloatTensor, targets: dataset.labels };
}

/** Resolves the paths of a data source against the working folder, so a manifest can record them. */
export function resolveSource(source: DatasetSource, cwd: string): DatasetSource {
  switch (source.kind) {
    case 'digits':
    case 'iris':
      return source;
    case 'idx':
      return { ...source, dir: resolve(cwd, source.dir) };
    case 'csv':
      return { ...source, file: resolve(cwd, source.file) };
  }
}

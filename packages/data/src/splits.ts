import { gather, InvalidArgumentError, permutation, split, type Key } from '@puregrad/tensor';
import { datasetSize, type ClassificationDataset, type Dataset } from './dataset.js';

/** Options of {@link stratifiedSplit} and {@link randomSplit}. */
export interface SplitOptions {
  /** The key that drives the shuffle; the same key gives the same split. */
  readonly key: Key;
  /** The fraction of the samples that goes to the second part, in [0, 1]. */
  readonly share: number;
  /** Names of the two parts; `NAME/rest` and `NAME/share` from the data set's name unless given. */
  readonly names?: readonly [string, string];
}

/** The two parts of a split: `rest` keeps 1 − share of the samples and `share` the others. */
export interface SplitParts<T extends Dataset> {
  readonly rest: T;
  readonly share: T;
}

/**
 * Counts how many items of each class go to a share of `round(total × share)` items in all, where
 * `total = Σ counts`, by largest remainder. Each class first gets ⌊count × share⌋, and the items left
 * over go one each to the classes with the largest fractional parts (lower class index first on a
 * tie). With the 10,000 digits and share 0.2 this gives exactly 2,000.
 *
 * @example
 * largestRemainder([1001, 1127], 0.2); // [200, 226]
 */
export function largestRemainder(counts: readonly number[], share: number): number[] {
  checkShare('largestRemainder', share);
  const total = counts.reduce((sum, count) => sum + count, 0);
  const quotas = counts.map((count) => count * share);
  const taken = quotas.map(Math.floor);
  let leftover = Math.round(total * share) - taken.reduce((sum, n) => sum + n, 0);

  const byRemainder = quotas
    .map((quota, k) => ({ k, remainder: quota - (taken[k] as number) }))
    .sort((a, b) => b.remainder - a.remainder || a.k - b.k);
  for (const { k, remainder } of byRemainder) {
    if (leftover === 0 || remainder === 0) break;
    taken[k] = (taken[k] as number) + 1;
    leftover -= 1;
  }
  return taken;
}

/**
 * Splits a classification data set so that each class keeps its proportion in both parts: the
 * samples of class k are shuffled with their own key (split from `key`), and the first of them
 * go to `share`, as many as {@link largestRemainder} gives class k. Both parts list their samples
 * in the data set's order.
 */
export function stratifiedSplit<T extends ClassificationDataset>(
  dataset: T,
  options: SplitOptions,
): SplitParts<T> {
  checkShare('stratifiedSplit', options.share);
  const byClass = indicesByClass(dataset);
  const quotas = largestRemainder(
    byClass.map((indices) => indices.length),
    options.share,
  );
  const keys = split(options.key, Math.max(byClass.length, 2));

  const chosen = new Uint8Array(datasetSize(dataset));
  byClass.forEach((indices, k) => {
    const order = permutation(keys[k] as Key, indices.length).data;
    for (let i = 0; i < (quotas[k] as number); i++)
      chosen[indices[order[i] as number] as number] = 1;
  });
  return partsFromMask(dataset, chosen, options.names);
}

/** Splits any data set at random: `round(n × share)` samples, picked by one shuffle, go to `share`. */
export function randomSplit<T extends Dataset>(dataset: T, options: SplitOptions): SplitParts<T> {
  checkShare('randomSplit', options.share);
  const n = datasetSize(dataset);
  const order = permutation(options.key, n).data;
  const chosen = new Uint8Array(n);
  for (let i = 0; i < Math.round(n * options.share); i++) chosen[order[i] as number] = 1;
  return partsFromMask(dataset, chosen, options.names);
}

function indicesByClass(dataset: ClassificationDataset): number[][] {
  const byClass: number[][] = dataset.classes.map(() => []);
  dataset.labels.data.forEach((label, i) => byClass[label]?.push(i));
  return byClass;
}

function partsFromMask<T extends Dataset>(
  dataset: T,
  chosen: Uint8Array,
  names: readonly [string, string] = [`${dataset.name}/rest`, `${dataset.name}/share`],
): SplitParts<T> {
  const rest: number[] = [];
  const share: number[] = [];
  chosen.forEach((flag, i) => (flag === 1 ? share : rest).push(i));
  return { rest: subset(dataset, rest, names[0]), share: subset(dataset, share, names[1]) };
}

function checkShare(fn: string, share: number): void {
  if (!(share >= 0 && share <= 1)) {
    throw new InvalidArgumentError(
      `${fn}: share must be a number in [0, 1] (got ${share}). Pass the fraction of samples for the second part, e.g. 0.2.`,
    );
  }
}

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

import { foldIn, key, type Key } from '@puregrad/tensor';

/** The independent keys of one run, all derived from its seed. */
export interface RunKeys {
  /** Splits the data into train, validation and test, and picks `--limit` subsets. */
  readonly data: Key;
  /** Draws the initial params. */
  readonly init: Key;
  /** Drives fit's shuffles; a resumed run passes the same key, so it repeats the same order. */
  readonly fit: Key;
}

/**
 * Derives a run's keys from its seed with `foldIn`, so that `evaluate` can rebuild the same test
 * split from the seed a checkpoint records.
 */
export function runKeys(seed: number): RunKeys {
  const root = key(seed);
  return { data: foldIn(root, 0), init: foldIn(root, 1), fit: foldIn(root, 2) };
}

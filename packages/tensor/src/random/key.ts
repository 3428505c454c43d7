import { InvalidArgumentError } from '../errors.js';
import { randomWords, threefry2x32Into } from './threefry.js';

/**
 * A PRNG key: a Threefry-2x32 key as two unsigned 32-bit words. A key is a plain value; the same
 * key always yields the same numbers, and `split` or `foldIn` derive independent keys from it.
 *
 * Use each key for one purpose only: either draw numbers from it or derive keys from it. Some
 * counters are shared between the two uses (`foldIn(key, 1)` equals `split(key, 1)[0]`, and both
 * reuse the cipher block that a draw of two words from `key` encrypts).
 */
export interface Key {
  readonly kind: 'threefry2x32';
  readonly words: readonly [number, number];
}

const TWO_POW_32 = 2 ** 32;

function makeKey(word0: number, word1: number): Key {
  return Object.freeze({
    kind: 'threefry2x32',
    words: Object.freeze([word0 >>> 0, word1 >>> 0]) as readonly [number, number],
  });
}

/**
 * Creates the key of an integer seed: the words `(⌊seed / 2³²⌋, seed mod 2³²)`, so a seed below
 * 2³² gives `(0, seed)` as JAX's `PRNGKey` does.
 *
 * @example
 * const [initKey, shuffleKey] = split(key(42));
 */
export function key(seed: number): Key {
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new InvalidArgumentError(
      `key: seed must be a non-negative safe integer (got ${seed}). Pass an integer such as 0 or 42.`,
    );
  }
  return makeKey(Math.floor(seed / TWO_POW_32), seed % TWO_POW_32);
}

/** Raises an InvalidArgumentError unless `value` is a Key, i.e. what `key`, `split` or `foldIn` returned. */
export function assertKey(fn: string, value: unknown): asserts value is Key {
  const words = (value as Key | null | undefined)?.words;
  const valid =
    (value as Key | null | undefined)?.kind === 'threefry2x32' &&
    Array.isArray(words) &&
    words.length === 2 &&
    words.every((word) => Number.isInteger(word) && word >= 0 && word < TWO_POW_32);
  if (!valid) {
    throw new InvalidArgumentError(
      `${fn}: key must be a Key with two unsigned 32-bit words (got ${JSON.stringify(value)}). Create one with key(seed).`,
    );
  }
}

/**
 * Derives `n` independent keys from `key`: key i is words 2i and 2i + 1 of a draw of 2n words
 * (see `randomWords` in threefry.ts for the counter layout).
 *
 * @example
 * const [layerKey, dropoutKey, shuffleKey] = split(key(0), 3);
 */
export function split(key: Key, n = 2): Key[] {
  assertKey('split', key);
  if (!Number.isInteger(n) || n < 1 || n > 2 ** 31) {
    throw new InvalidArgumentError(
      `split: n must be an integer in [1, 2^31] (got ${n}). Pass the number of keys to derive.`,
    );
  }
  const words = randomWords(key.words[0], key.words[1], 2 * n);
  const keys: Key[] = [];
  for (let i = 0; i < n; i++)
    keys.push(makeKey(words[2 * i] as number, words[2 * i + 1] as number));
  return keys;
}

/**
 * Derives one key from `key` and an integer `n` (an epoch or a step): the cipher of counter
 * `(0, n)` under `key`. Distinct `n` give independent keys.
 *
 * @example
 * const epochKey = foldIn(shuffleKey, epoch);
 */
export function foldIn(key: Key, n: number): Key {
  assertKey('foldIn', key);
  if (!Number.isInteger(n) || n < 0 || n >= TWO_POW_32) {
    throw new InvalidArgumentError(
      `foldIn: n must be an integer in [0, 2^32 - 1] (got ${n}). Pass an epoch or step number.`,
    );
  }
  const out = new Uint32Array(2);
  threefry2x32Into(key.words[0], key.words[1], 0, n, out, 0);
  return makeKey(out[0] as number, out[1] as number);
}

import { InvalidArgumentError } from '../errors.js';
import { unsafeFromData, type Int32Tensor } from '../tensor.js';
import { unitFloat64 } from './bits.js';
import { assertKey, type Key } from './key.js';
import { randomWords } from './threefry.js';

/**
 * Draws a random permutation of 0, 1, ..., n − 1 as an int32 tensor `[n]`, by a Fisher-Yates
 * shuffle: for i from n − 1 down to 1, swap element i with element j = ⌊u · (i + 1)⌋, where u is
 * on the 2⁻⁵² grid of [0, 1) (two 32-bit words per step). Each j is uniform up to a relative bias
 * below (i + 1) · 2⁻⁵², and the permutation is bit-identical on every machine.
 *
 * @example
 * const order = permutation(foldIn(shuffleKey, epoch), 60000);
 */
export function permutation(key: Key, n: number): Int32Tensor {
  assertKey('permutation', key);
  if (!Number.isInteger(n) || n < 0 || n > 2 ** 31 - 1) {
    throw new InvalidArgumentError(
      `permutation: n must be an integer in [0, 2^31 - 1] (got ${n}). Pass the number of items to shuffle.`,
    );
  }
  const words = randomWords(key.words[0], key.words[1], 2 * Math.max(n - 1, 0));
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;

  for (let i = n - 1; i >= 1; i--) {
    const w = 2 * (n - 1 - i);
    const u = unitFloat64(words[w] as number, words[w + 1] as number);
    // The product can round up to i + 1 for large i, hence the min.
    const j = Math.min(Math.floor(u * (i + 1)), i);
    const swapped = order[i] as number;
    order[i] = order[j] as number;
    order[j] = swapped;
  }
  return unsafeFromData(order, [n]);
}

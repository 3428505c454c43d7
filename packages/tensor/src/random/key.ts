/**
 * A PRNG key: a Threefry-2x32 key as two unsigned 32-bit words. A key is a plain value; the same
 * key always yields the same numbers, and `split` or `foldIn` derive independent keys from it.
 */
export interface Key {
  readonly kind: 'threefry2x32';
  readonly words: readonly [number, number];
}

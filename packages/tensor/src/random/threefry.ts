/**
 * The Threefry-2x32 block cipher with 20 rounds, the counter-based generator behind every key in
 * this package.
 *
 * Only 32-bit additions (`+` then `>>> 0`), xors and rotations appear, so each output word is the
 * same on every JavaScript engine.
 */

/** Rotation amounts of the 2x32 variant, applied in turn and repeated every 8 rounds. */
const ROTATIONS = [13, 15, 26, 6, 17, 29, 16, 24] as const;

/** The key schedule's parity constant: the third key word is `0x1BD11BDA ^ k0 ^ k1`. */
const KEY_PARITY = 0x1bd11bda;

const ROUNDS = 20;

function rotateLeft(x: number, bits: number): number {
  return ((x << bits) | (x >>> (32 - bits))) >>> 0;
}

/**
 * Encrypts one counter block: writes the two output words of Threefry-2x32-20 with key
 * `(k0, k1)` and counter `(x0, x1)` into `out[offset]` and `out[offset + 1]`. All words are
 * unsigned 32-bit integers.
 */
export function threefry2x32Into(
  k0: number,
  k1: number,
  x0: number,
  x1: number,
  out: Uint32Array,
  offset: number,
): void {
  const schedule = [k0 >>> 0, k1 >>> 0, (KEY_PARITY ^ k0 ^ k1) >>> 0];
  let y0 = (x0 + (schedule[0] as number)) >>> 0;
  let y1 = (x1 + (schedule[1] as number)) >>> 0;

  for (let round = 0; round < ROUNDS; round++) {
    y0 = (y0 + y1) >>> 0;
    y1 = rotateLeft(y1, ROTATIONS[round % 8] as number);
    y1 = (y1 ^ y0) >>> 0;

    // After every 4 rounds, inject the key schedule rotated by one word, plus the injection count.
    if (round % 4 === 3) {
      const injection = (round + 1) / 4;
      y0 = (y0 + (schedule[injection % 3] as number)) >>> 0;
      y1 = (y1 + (schedule[(injection + 1) % 3] as number) + injection) >>> 0;
    }
  }

  out[offset] = y0;
  out[offset + 1] = y1;
}

/**
 * Returns Threefry-2x32-20 of counter `(x0, x1)` under key `(k0, k1)` as two unsigned 32-bit
 * words.
 *
 * @example
 * threefry2x32([0, 0], [0, 0]); // [0x6b200159, 0x99ba4efe]
 */
export function threefry2x32(
  key: readonly [number, number],
  counter: readonly [number, number],
): [number, number] {
  const out = new Uint32Array(2);
  threefry2x32Into(key[0], key[1], counter[0], counter[1], out, 0);
  return [out[0] as number, out[1] as number];
}

/**
 * Returns `count` random unsigned 32-bit words drawn from key `(k0, k1)`.
 *
 * The counters are 0, 1, ..., 2h - 1 with h = ⌈count / 2⌉, split into two halves: block j
 * encrypts counter `(j, h + j)`, its first output word becomes word j and its second word h + j,
 * and a last word beyond `count` is dropped. One call with a larger `count` therefore does not
 * extend a smaller one: each draw from a key is a separate stream.
 */
export function randomWords(k0: number, k1: number, count: number): Uint32Array {
  const half = Math.ceil(count / 2);
  const blocks = new Uint32Array(2 * half);
  const pair = new Uint32Array(2);
  for (let j = 0; j < half; j++) {
    threefry2x32Into(k0, k1, j, half + j, pair, 0);
    blocks[j] = pair[0] as number;
    blocks[half + j] = pair[1] as number;
  }
  return count === blocks.length ? blocks : blocks.slice(0, count);
}

/**
 * Exact conversions from random 32-bit words to floats, and the neighbours of a float, used by
 * the samplers. Every step is an exact integer or power-of-two operation, so the results are the
 * same on every JavaScript engine.
 */

const TWO_POW_MINUS_23 = 2 ** -23;
const TWO_POW_MINUS_52 = 2 ** -52;
const TWO_POW_32 = 2 ** 32;

/** Returns the float on the 2⁻²³ grid of [0, 1) that the top 23 bits of `word` select. */
export function unitFloat32(word: number): number {
  return (word >>> 9) * TWO_POW_MINUS_23;
}

/** Returns the float on the 2⁻⁵² grid of [0, 1) that the top 20 bits of `high` and all of `low` select. */
export function unitFloat64(high: number, low: number): number {
  return ((high >>> 12) * TWO_POW_32 + (low >>> 0)) * TWO_POW_MINUS_52;
}

const scratch64 = new Float64Array(1);
const scratch64Bits = new BigInt64Array(scratch64.buffer);
const scratch32 = new Float32Array(1);
const scratch32Bits = new Int32Array(scratch32.buffer);

/** Returns the largest float64 below the finite float64 `x`. */
export function nextDown64(x: number): number {
  if (x === 0) return -Number.MIN_VALUE;
  scratch64[0] = x;
  scratch64Bits[0] = (scratch64Bits[0] as bigint) + (x > 0 ? -1n : 1n);
  return scratch64[0] as number;
}

/** Returns the largest float32 below the finite float32 `x`. */
export function nextDown32(x: number): number {
  if (x === 0) return -(2 ** -149);
  scratch32[0] = x;
  scratch32Bits[0] = (scratch32Bits[0] as number) + (x > 0 ? -1 : 1);
  return scratch32[0] as number;
}

/** Returns the smallest float32 above the finite float32 `x`. */
export function nextUp32(x: number): number {
  return -nextDown32(-x);
}

/** Returns the largest float32 not above `x` (a float64), rounding toward -∞. */
export function float32AtMost(x: number): number {
  const rounded = Math.fround(x);
  return rounded > x ? nextDown32(rounded) : rounded;
}

/** Returns the smallest float32 not below `x` (a float64), rounding toward +∞. */
export function float32AtLeast(x: number): number {
  const rounded = Math.fround(x);
  return rounded < x ? nextUp32(rounded) : rounded;
}

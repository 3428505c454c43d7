/**
 * The logarithm, square root, sine and cosine that the normal sampler needs, computed with IEEE
 * 754 additions, multiplications and divisions only. ECMAScript specifies those operations
 * exactly but leaves the accuracy of `Math.log`, `Math.cos` and `Math.sin` to each engine, so
 * these functions give the same bits on every engine where the `Math` ones may not. They are
 * accurate to a few units in the last place and are not correctly rounded.
 */

const LN2 = 0.6931471805599453;
const SQRT2 = 1.4142135623730951;
const HALF_PI = 1.5707963267948966;

// Big-endian access to a float64's bits: the high word contains the sign, the exponent and the top of the mantissa.
const view = new DataView(new ArrayBuffer(8));

function highWord(x: number): number {
  view.setFloat64(0, x);
  return view.getUint32(0);
}

/** Returns x with its exponent replaced so that the result lies in [1, 2). */
function mantissa(x: number): number {
  view.setFloat64(0, x);
  view.setUint32(0, (view.getUint32(0) & 0x000fffff) | 0x3ff00000);
  return view.getFloat64(0);
}

/** Returns 2^k exactly for an integer k in [−1022, 1023]. */
function powerOfTwo(k: number): number {
  view.setUint32(0, (k + 1023) << 20);
  view.setUint32(4, 0);
  return view.getFloat64(0);
}

/** 1/(2k + 1) for k = 0..12: the series 2·atanh(s) = 2s Σ s²ᵏ / (2k + 1). */
const ATANH_COEFFICIENTS = Array.from({ length: 13 }, (_, k) => 1 / (2 * k + 1));

/** (−1)ᵏ / (2k + 1)! and (−1)ᵏ / (2k)! for k = 0..10: the Taylor series of sin and cos. */
const SIN_COEFFICIENTS: number[] = [];
const COS_COEFFICIENTS: number[] = [];
let factorial = 1;
for (let n = 0; n <= 21; n++) {
  if (n > 0) factorial *= n;
  const sign = Math.floor(n / 2) % 2 === 0 ? 1 : -1;
  if (n % 2 === 0) COS_COEFFICIENTS.push(sign / factorial);
  else SIN_COEFFICIENTS.push(sign / factorial);
}

function horner(coefficients: readonly number[], z: number): number {
  let sum = 0;
  for (let k = coefficients.length - 1; k >= 0; k--) sum = sum * z + (coefficients[k] as number);
  return sum;
}

/**
 * Returns ln x for a positive normal float64 x. With x = m · 2ᵉ and m in [√½, √2),
 * ln x = e ln 2 + 2 atanh(s) where s = (m − 1) / (m + 1), so |s| ≤ 0.172 and 13 terms of the
 * series leave an error below 2⁻⁶⁰.
 */
export function portableLog(x: number): number {
  let exponent = (highWord(x) >>> 20) - 1023;
  let m = mantissa(x);
  if (m > SQRT2) {
    m /= 2;
    exponent += 1;
  }

  // m − 1 is exact because m lies within a factor of 2 of 1.
  const f = m - 1;
  const s = f / (2 + f);
  const series = 2 * s * horner(ATANH_COEFFICIENTS, s * s);
  return exponent * LN2 + series;
}

/**
 * Returns √x for a non-negative normal float64 x (and 0 for 0). With x = m · 2²ᵏ and m in
 * [1, 4), six Newton steps from (1 + m) / 2 shrink the relative error from at most 1/4 to below
 * 2⁻⁶⁰ in exact arithmetic, and 2ᵏ scales the result back exactly.
 */
export function portableSqrt(x: number): number {
  if (x === 0) return 0;
  let exponent = (highWord(x) >>> 20) - 1023;
  let m = mantissa(x);
  if (exponent % 2 !== 0) {
    m *= 2;
    exponent -= 1;
  }

  let y = (1 + m) / 2;
  for (let step = 0; step < 6; step++) y = (y + m / y) / 2;
  return y * powerOfTwo(exponent / 2);
}

/**
 * Returns [cos 2πu, sin 2πu] for u in [0, 1). 4u splits exactly into a quadrant q and a rest r in
 * [−½, ½], so the series only ever see angles r · π/2 in [−π/4, π/4], where 11 terms leave an
 * error below 2⁻⁶⁰; the quadrant then rotates the pair.
 */
export function portableCosSinTwoPi(u: number): [number, number] {
  const quarter = 4 * u;
  const quadrant = Math.round(quarter);
  const angle = (quarter - quadrant) * HALF_PI;
  const z = angle * angle;
  const cos = horner(COS_COEFFICIENTS, z);
  const sin = angle * horner(SIN_COEFFICIENTS, z);

  switch (quadrant % 4) {
    case 0:
      return [cos, sin];
    case 1:
      return [-sin, cos];
    case 2:
      return [-cos, -sin];
    default:
      return [sin, -cos];
  }
}

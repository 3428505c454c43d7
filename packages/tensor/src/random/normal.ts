import type { FloatDType } from '../dtype.js';
import { InvalidArgumentError } from '../errors.js';
import { allocate } from '../dtype.js';
import { assertShape } from '../ops/checks.js';
import { sizeOf, unsafeFromData, type Tensor } from '../tensor.js';
import { unitFloat64 } from './bits.js';
import { portableCosSinTwoPi, portableLog, portableSqrt } from './elementary.js';
import { assertKey, type Key } from './key.js';
import { randomWords } from './threefry.js';
import { assertFloatDType } from './uniform.js';

/** Options of {@link normal}. */
export interface NormalOptions<D extends FloatDType> {
  /** The element type; float32 unless given. */
  readonly dtype?: D;
  /** The mean of the distribution; 0 unless given. */
  readonly mean?: number;
  /** The standard deviation, at least 0; 1 unless given. */
  readonly std?: number;
}

/**
 * Draws a tensor of `shape` with elements normal with `mean` and `std`, by the Box-Muller
 * transform: for each pair of elements, `r = √(−2 ln(1 − u₁))`, `θ = 2π u₂`, and the pair is
 * `mean + std · (r cos θ, r sin θ)`, with u₁ and u₂ on the 2⁻⁵² grid of [0, 1) built from four
 * 32-bit words. The largest |z| that can be drawn is √(2 · 52 ln 2) ≈ 8.5.
 *
 * The logarithm, square root, cosine and sine are computed from IEEE 754 additions,
 * multiplications and divisions only (see elementary.ts), not with `Math.log` and `Math.cos`,
 * whose accuracy ECMAScript leaves to each engine. So normal numbers are bit-identical on every
 * engine too. Each function is within a few units in the last place of the exact value.
 *
 * @example
 * normal(key(0), [784, 256], { std: Math.sqrt(2 / 784) }); // float32 [784, 256]
 */
export function normal<D extends FloatDType = 'float32'>(
  key: Key,
  shape: readonly number[],
  options: NormalOptions<D> = {},
): Tensor<D> {
  const { dtype = 'float32' as D, mean = 0, std = 1 } = options;
  assertKey('normal', key);
  assertShape('normal', shape);
  assertFloatDType('normal', dtype);
  if (!Number.isFinite(mean) || !Number.isFinite(std) || std < 0) {
    throw new InvalidArgumentError(
      `normal: mean must be finite and std finite and at least 0 (got mean ${mean}, std ${std}).`,
    );
  }
  const size = sizeOf(shape);
  const pairs = Math.ceil(size / 2);
  const words = randomWords(key.words[0], key.words[1], 4 * pairs);
  const data = allocate(dtype, size);

  for (let pair = 0; pair < pairs; pair++) {
    const w = 4 * pair;
    // 1 − u₁ lies in (0, 1], so the logarithm is finite.
    const u1 = unitFloat64(words[w] as number, words[w + 1] as number);
    const u2 = unitFloat64(words[w + 2] as number, words[w + 3] as number);
    const radius = portableSqrt(-2 * portableLog(1 - u1));
    const [cos, sin] = portableCosSinTwoPi(u2);
    data[2 * pair] = mean + std * radius * cos;
    if (2 * pair + 1 < size) data[2 * pair + 1] = mean + std * radius * sin;
  }
  return unsafeFromData(data, shape) as unknown as Tensor<D>;
}

import type { FloatDType } from '../dtype.js';
import { DTypeError, InvalidArgumentError } from '../errors.js';
import { assertShape } from '../ops/checks.js';
import { sizeOf, unsafeFromData, type Tensor } from '../tensor.js';
import {
  float32AtLeast,
  float32AtMost,
  nextDown32,
  nextDown64,
  unitFloat32,
  unitFloat64,
} from './bits.js';
import { assertKey, type Key } from './key.js';
import { randomWords } from './threefry.js';

/** Options of {@link uniform}. */
export interface UniformOptions<D extends FloatDType> {
  /** The element type; float32 unless given. */
  readonly dtype?: D;
  /** The lowest value that can be drawn; 0 unless given. */
  readonly low?: number;
  /** The bound that every value stays below; 1 unless given. */
  readonly high?: number;
}

/**
 * Draws a tensor of `shape` with elements uniform in [low, high): `low + (high − low) · u`, where
 * u is on the 2⁻²³ grid of [0, 1) for float32 (one 32-bit word per element) and the 2⁻⁵² grid for
 * float64 (two words per element).
 *
 * A result that rounds onto `high` or below `low` is clamped to the nearest value of the dtype
 * inside [low, high), so no element ever equals `high`. The values are bit-identical on every
 * machine because they come from integer arithmetic and exactly rounded float operations.
 *
 * @example
 * uniform(key(0), [2, 3], { low: -0.5, high: 0.5 }); // float32 [2, 3]
 */
export function uniform<D extends FloatDType = 'float32'>(
  key: Key,
  shape: readonly number[],
  options: UniformOptions<D> = {},
): Tensor<D> {
  const { dtype = 'float32' as D, low = 0, high = 1 } = options;
  assertKey('uniform', key);
  assertShape('uniform', shape);
  assertFloatDType('uniform', dtype);
  assertInterval(low, high);
  const size = sizeOf(shape);
  const [k0, k1] = key.words;

  if (dtype === 'float32') {
    const min = float32AtLeast(low);
    const max = nextDown32(float32AtLeast(high));
    if (min > max) {
      throw new InvalidArgumentError(
        `uniform: [low, high) must contain a float32 value (got [${low}, ${high})). Widen the interval or use dtype 'float64'.`,
      );
    }
    const words = randomWords(k0, k1, size);
    const data = new Float32Array(size);
    for (let i = 0; i < size; i++) {
      const value = float32AtMost(low + (high - low) * unitFloat32(words[i] as number));
      data[i] = Math.min(Math.max(value, min), max);
    }
    return unsafeFromData(data, shape) as Tensor<D>;
  }

  const max = nextDown64(high);
  const words = randomWords(k0, k1, 2 * size);
  const data = new Float64Array(size);
  for (let i = 0; i < size; i++) {
    const value =
      low + (high - low) * unitFloat64(words[2 * i] as number, words[2 * i + 1] as number);
    data[i] = Math.min(Math.max(value, low), max);
  }
  return unsafeFromData(data, shape) as Tensor<D>;
}

/** Raises a DTypeError unless `dtype` is float32 or float64. */
export function assertFloatDType(fn: string, dtype: string): asserts dtype is FloatDType {
  if (dtype !== 'float32' && dtype !== 'float64') {
    throw new DTypeError(
      `${fn}: dtype must be 'float32' or 'float64' (got '${dtype}'). Draw floats and cast() them if you need another dtype.`,
    );
  }
}

function assertInterval(low: number, high: number): void {
  const width = high - low;
  if (!Number.isFinite(low) || !Number.isFinite(high) || !(width > 0) || !Number.isFinite(width)) {
    throw new InvalidArgumentError(
      `uniform: low and high must be finite with low < high and a finite width high - low (got low ${low}, high ${high}).`,
    );
  }
}

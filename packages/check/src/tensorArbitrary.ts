import fc from 'fast-check';
import {
  InvalidArgumentError,
  sizeOf,
  tensor,
  type FloatDType,
  type Tensor,
} from '@puregrad/tensor';

/** Options of {@link shapeArbitrary}. */
export interface ShapeArbitraryOptions {
  /** The minimum number of axes; 1 unless given. */
  readonly minRank?: number;
  /** The maximum number of axes; 3 unless given. */
  readonly maxRank?: number;
  /** The smallest dimension; 1 unless given. */
  readonly minDim?: number;
  /** The largest dimension; 4 unless given. */
  readonly maxDim?: number;
}

/** Options of {@link tensorArbitrary}. */
export interface TensorArbitraryOptions<D extends FloatDType> extends ShapeArbitraryOptions {
  /** A fixed shape; when given, the rank and dimension options are ignored. */
  readonly shape?: readonly number[];
  /** The smallest element; -1 unless given. */
  readonly min?: number;
  /** The largest element; 1 unless given. */
  readonly max?: number;
  /** The element type; float64 unless given, because gradient checks run in float64. */
  readonly dtype?: D;
}

/** Options of {@link batchArbitrary}. */
export interface BatchArbitraryOptions<D extends FloatDType> extends Omit<
  TensorArbitraryOptions<D>,
  'shape' | keyof ShapeArbitraryOptions
> {
  /** The features per row, i.e. the shape after the batch axis, e.g. `[4]`. */
  readonly featureShape: readonly number[];
  /** The minimum number of rows; 2 unless given, because batch statistics need two rows. */
  readonly minBatch?: number;
  /** The maximum number of rows; 6 unless given. */
  readonly maxBatch?: number;
}

function assertRange(fn: string, name: string, low: number, high: number, min: number): void {
  if (!Number.isInteger(low) || !Number.isInteger(high) || low < min || high < low) {
    throw new InvalidArgumentError(
      `${fn}: ${name} must be integers with ${min} ≤ min ≤ max (got ${low} and ${high}). ` +
        'Pass a smaller min or a larger max.',
    );
  }
}

/** Generates shapes as arrays of dimensions, e.g. `[3, 1, 4]`. */
export function shapeArbitrary(options: ShapeArbitraryOptions = {}): fc.Arbitrary<number[]> {
  const { minRank = 1, maxRank = 3, minDim = 1, maxDim = 4 } = options;
  assertRange('shapeArbitrary', 'minRank and maxRank', minRank, maxRank, 0);
  assertRange('shapeArbitrary', 'minDim and maxDim', minDim, maxDim, 0);
  return fc.array(fc.integer({ min: minDim, max: maxDim }), {
    minLength: minRank,
    maxLength: maxRank,
  });
}

/**
 * Generates tensors of a fixed or a random shape with elements spread evenly over [min, max].
 * float32 elements are rounded to float32 and kept inside the range. Shrinking moves elements
 * toward 0 (or the bound nearer to it) and shapes toward fewer axes.
 */
export function tensorArbitrary<D extends FloatDType = 'float64'>(
  options: TensorArbitraryOptions<D> = {},
): fc.Arbitrary<Tensor<D>> {
  const { min = -1, max = 1, dtype = 'float64' as D } = options;
  if (!(Number.isFinite(max - min) && min <= max)) {
    throw new InvalidArgumentError(
      `tensorArbitrary: min and max must be finite with min ≤ max and a finite max − min ` +
        `(got ${min} and ${max}). Pass a narrower range.`,
    );
  }
  const shapes =
    options.shape === undefined ? shapeArbitrary(options) : fc.constant([...options.shape]);
  return shapes.chain((shape) =>
    elementsArbitrary(sizeOf(shape), min, max, dtype).map((values) =>
      tensor(values, { shape, dtype }),
    ),
  );
}

/** The number of grid steps across [min, max]; neighbors are about 5e-10 of the range apart. */
const GRID = 2 ** 31;

/**
 * Draws elements evenly over [min, max] in value. fc.double instead spreads its draws evenly
 * over the bit patterns, so most of them would be tiny numbers near 0. The grid's step 0 is at
 * 0 when the range contains it (at the nearer bound otherwise), so shrinking moves toward it.
 */
function elementsArbitrary(
  size: number,
  min: number,
  max: number,
  dtype: FloatDType,
): fc.Arbitrary<number[]> {
  const center = Math.min(Math.max(0, min), max);
  const spacing = (max - min) / GRID;
  const below = spacing === 0 ? 0 : Math.round((center - min) / spacing);
  const low = dtype === 'float32' ? float32Inward(min, 1) : min;
  const high = dtype === 'float32' ? float32Inward(max, -1) : max;

  const element = fc.integer({ min: -below, max: GRID - below }).map((step) => {
    const value = center + step * spacing;
    const rounded = dtype === 'float32' ? Math.fround(value) : value;
    return Math.min(Math.max(rounded, low), high);
  });
  return fc.array(element, { minLength: size, maxLength: size });
}

/** Rounds `value` to a float32 on the side of `direction`: up for +1, down for -1. */
function float32Inward(value: number, direction: 1 | -1): number {
  const rounded = Math.fround(value);
  if (rounded === value || (direction === 1 ? rounded > value : rounded < value)) return rounded;

  // Adding 1 to a float32 bit pattern moves one value away from zero, on either side of it.
  const nonNegative = rounded > 0 || Object.is(rounded, 0);
  const bits = new Float32Array([rounded]);
  const words = new Int32Array(bits.buffer);
  words[0] = (words[0] as number) + (nonNegative === (direction === 1) ? 1 : -1);
  return bits[0] as number;
}

/**
 * Generates batches `[batch, ...featureShape]`: `minBatch` to `maxBatch` rows of elements in
 * [min, max].
 */
export function batchArbitrary<D extends FloatDType = 'float64'>(
  options: BatchArbitraryOptions<D>,
): fc.Arbitrary<Tensor<D>> {
  const { minBatch = 2, maxBatch = 6, featureShape, ...elements } = options;
  assertRange('batchArbitrary', 'minBatch and maxBatch', minBatch, maxBatch, 1);
  return fc
    .integer({ min: minBatch, max: maxBatch })
    .chain((batch) => tensorArbitrary({ ...elements, shape: [batch, ...featureShape] }));
}

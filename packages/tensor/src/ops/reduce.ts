import { allocate } from '../dtype.js';
import { ShapeError } from '../errors.js';
import { getKernels } from '../kernels/index.js';
import { formatShape, sizeOf, type FloatTensor, type Int32Tensor, type Tensor } from '../tensor.js';
import { assertFloat, assertRank, normalizeAxis } from './checks.js';

/** Options of the reductions. */
export interface ReduceOptions {
  /** Keep the reduced axis with size 1, so the result broadcasts against the input. */
  readonly keepDims?: boolean;
}

/** Splits a shape around `axis` into the sizes before it, of it and after it. */
function around(shape: readonly number[], axis: number): [number, number, number] {
  return [sizeOf(shape.slice(0, axis)), shape[axis] as number, sizeOf(shape.slice(axis + 1))];
}

function reducedShape(
  shape: readonly number[],
  axis: number,
  keepDims: boolean,
): readonly number[] {
  const out = [...shape];
  if (keepDims) out[axis] = 1;
  else out.splice(axis, 1);
  return Object.freeze(out);
}

/**
 * Reduces along one axis with `step`, which reads each line of values along the axis through
 * `at(j)` and returns its result.
 */
function reduce<T extends FloatTensor>(
  fn: string,
  x: T,
  axis: number | undefined,
  options: ReduceOptions,
  step: (at: (j: number) => number, count: number) => number,
): T {
  assertFloat(fn, 'x', x);
  if (axis === undefined) {
    const out = allocate(x.dtype, 1);
    out[0] = step((j) => x.data[j] as number, x.data.length);
    const shape = options.keepDims ? x.shape.map(() => 1) : [];
    return { dtype: x.dtype, shape: Object.freeze(shape), data: out } as T;
  }
  const a = normalizeAxis(fn, axis, x.shape.length);
  const [outer, count, inner] = around(x.shape, a);
  const out = allocate(x.dtype, outer * inner);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const base = o * count * inner + i;
      out[o * inner + i] = step((j) => x.data[base + j * inner] as number, count);
    }
  }
  return {
    dtype: x.dtype,
    shape: reducedShape(x.shape, a, options.keepDims ?? false),
    data: out,
  } as T;
}

/**
 * Sums all elements, or along `axis` (negative axes count from the end), accumulating in float64.
 *
 * @example
 * sum(dy, 0); // dy [batch, units] → bias grads [units]
 */
export function sum<T extends FloatTensor>(x: T, axis?: number, options: ReduceOptions = {}): T {
  const fast = sumWithKernels('sum', x, axis, options, 1);
  if (fast !== undefined) return fast;
  return reduce('sum', x, axis, options, (at, count) => {
    let total = 0;
    for (let j = 0; j < count; j++) total += at(j);
    return total;
  });
}

/** Averages all elements, or along `axis`, accumulating in float64. The mean of no elements is NaN. */
export function mean<T extends FloatTensor>(x: T, axis?: number, options: ReduceOptions = {}): T {
  const fast = sumWithKernels('mean', x, axis, options, x.data.length);
  if (fast !== undefined) return fast;
  return reduce('mean', x, axis, options, (at, count) => {
    let total = 0;
    for (let j = 0; j < count; j++) total += at(j);
    return total / count;
  });
}

/**
 * Computes the sum of all elements with the kernels, divided by `divisor`, or returns undefined when
 * `axis` is given. Sums along an axis stay in the generic loop because its float64 accumulator
 * rounds once per output, where a float32 row-sum kernel would round after every row.
 */
function sumWithKernels<T extends FloatTensor>(
  fn: string,
  x: T,
  axis: number | undefined,
  options: ReduceOptions,
  divisor: number,
): T | undefined {
  if (axis !== undefined) return undefined;
  assertFloat(fn, 'x', x);
  const out = allocate(x.dtype, 1);
  out[0] = getKernels().sum(x.data) / divisor;
  const shape = options.keepDims ? x.shape.map(() => 1) : [];
  return { dtype: x.dtype, shape: Object.freeze(shape), data: out } as T;
}

/** Options of {@link variance}. */
export interface VarianceOptions extends ReduceOptions {
  /** Divide by n − 1 (Bessel's correction) instead of n. Default false, the biased estimator. */
  readonly unbiased?: boolean;
}

/**
 * Returns Σ(x/scale − mean)² / divisor for one line. Both passes subtract the first value first,
 * so large offsets do not cancel the spread.
 */
function shiftedVariance(
  at: (j: number) => number,
  count: number,
  divisor: number,
  scale: number,
): number {
  const shift = at(0) / scale;
  let total = 0;
  for (let j = 0; j < count; j++) total += at(j) / scale - shift;
  const meanShifted = total / count;

  let squares = 0;
  for (let j = 0; j < count; j++) {
    const d = at(j) / scale - shift - meanShifted;
    squares += d * d;
  }
  return squares / divisor;
}

/** Returns the largest |x| along the line, or NaN if a value is NaN or infinite. */
function maxAbsFinite(at: (j: number) => number, count: number): number {
  let largest = 0;
  for (let j = 0; j < count; j++) {
    const value = Math.abs(at(j));
    if (!Number.isFinite(value)) return NaN;
    largest = Math.max(largest, value);
  }
  return largest;
}

/**
 * Returns the variance of all elements, or along `axis`: Σ(x − mean)² / n, or / (n − 1) when
 * `unbiased`. It is computed in two passes around a shift (the first value along the axis), with
 * float64 sums, so a constant line of 1e10 has variance exactly 0 in float32 and float64 and large
 * offsets do not cancel away the spread. Fewer values than the divisor needs give NaN.
 *
 * A difference or a sum of squares can overflow float64 although every value is finite (such as
 * [1e308, −1e308]). The line is then divided by the power of two at or below its max |x|, which is
 * exact for normal numbers, and the result multiplied back. So a variance past the float64 range
 * is +Infinity rather than NaN, and one within it stays finite. NaN or infinite inputs give NaN.
 */
export function variance<T extends FloatTensor>(
  x: T,
  axis?: number,
  options: VarianceOptions = {},
): T {
  const correction = options.unbiased ? 1 : 0;
  return reduce('variance', x, axis, options, (at, count) => {
    if (count - correction <= 0) return NaN;
    const result = shiftedVariance(at, count, count - correction, 1);
    if (Number.isFinite(result)) return result;

    const largest = maxAbsFinite(at, count);
    if (!Number.isFinite(largest)) return result;
    const scale = 2 ** Math.floor(Math.log2(largest));
    return shiftedVariance(at, count, count - correction, scale) * scale * scale;
  });
}

/**
 * Returns the maximum of each row of x `[rows, cols]`, shape `[rows]` (or `[rows, 1]` with
 * keepDims). A row that contains NaN has maximum NaN.
 */
export function max<T extends FloatTensor>(x: T, axis = -1, options: ReduceOptions = {}): T {
  return reduce('max', x, axis, options, (at, count) => {
    if (count === 0)
      throw new ShapeError(
        `max: cannot reduce an axis of size 0 (got shape ${formatShape(x.shape)}).`,
      );
    let best = at(0);
    for (let j = 1; j < count; j++) {
      const v = at(j);
      if (v > best || Number.isNaN(v)) best = v;
      if (Number.isNaN(best)) break;
    }
    return best;
  });
}

/**
 * Returns the index of the maximum of each row of x `[rows, cols]` as int32 `[rows]`. Ties go to
 * the first index, and a NaN wins over every number.
 */
export function argmax(x: Tensor, axis = -1): Int32Tensor {
  assertFloat('argmax', 'x', x);
  assertRank('argmax', 'x', x, 2);
  const a = normalizeAxis('argmax', axis, 2);
  const [rows, cols] = x.shape as [number, number];
  if ((a === 1 ? cols : rows) === 0) {
    throw new ShapeError(
      `argmax: cannot reduce an axis of size 0 (got shape ${formatShape(x.shape)}).`,
    );
  }
  const lines = a === 1 ? rows : cols;
  const count = a === 1 ? cols : rows;
  const out = new Int32Array(lines);
  for (let line = 0; line < lines; line++) {
    const at = (j: number): number => x.data[a === 1 ? line * cols + j : j * cols + line] as number;
    let best = 0;
    for (let j = 1; j < count && !Number.isNaN(at(best)); j++) {
      if (at(j) > at(best) || Number.isNaN(at(j))) best = j;
    }
    out[line] = best;
  }
  return { dtype: 'int32', shape: Object.freeze([lines]), data: out };
}

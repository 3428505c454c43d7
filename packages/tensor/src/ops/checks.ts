import { isFloatDType, type DType } from '../dtype.js';
import { DTypeError, InvalidArgumentError, ShapeError } from '../errors.js';
import { formatShape, type FloatTensor, type Tensor } from '../tensor.js';

/** Raises a DTypeError unless `x` has float32 or float64 elements. */
export function assertFloat(fn: string, name: string, x: Tensor): asserts x is FloatTensor {
  if (!isFloatDType(x.dtype)) {
    throw new DTypeError(
      `${fn}: ${name} must be float32 or float64 (got ${x.dtype}). Convert it with cast(${name}, 'float32').`,
    );
  }
}

/** Raises a DTypeError unless both tensors share one dtype. */
export function assertSameDType(fn: string, a: Tensor, b: Tensor): void {
  if (a.dtype !== b.dtype) {
    throw new DTypeError(
      `${fn}: both operands must have the same dtype (got ${a.dtype} and ${b.dtype}). Cast one with cast().`,
    );
  }
}

/** Raises a ShapeError unless `x` has `rank` axes. */
export function assertRank(fn: string, name: string, x: Tensor, rank: number): void {
  if (x.shape.length !== rank) {
    throw new ShapeError(
      `${fn}: ${name} must have ${rank} axes (got shape ${formatShape(x.shape)}).`,
    );
  }
}

/** Returns `axis` normalized to [0, rank), accepting negative axes counted from the end. */
export function normalizeAxis(fn: string, axis: number, rank: number): number {
  const normalized = axis < 0 ? axis + rank : axis;
  if (!Number.isInteger(axis) || normalized < 0 || normalized >= rank) {
    throw new InvalidArgumentError(
      `${fn}: axis must be an integer in [${-rank}, ${rank - 1}] (got ${axis}).`,
    );
  }
  return normalized;
}

/** Raises a DTypeError unless `dtype` is a known dtype. */
export function assertDType(fn: string, dtype: string): asserts dtype is DType {
  if (dtype !== 'float32' && dtype !== 'float64' && dtype !== 'int32') {
    throw new DTypeError(`${fn}: dtype must be float32, float64 or int32 (got "${dtype}").`);
  }
}

/** Raises a ShapeError unless every dimension of `shape` is a non-negative integer. */
export function assertShape(fn: string, shape: readonly number[]): void {
  for (const dim of shape) {
    if (!Number.isInteger(dim) || dim < 0) {
      throw new ShapeError(
        `${fn}: every dimension must be a non-negative integer (got shape ${formatShape(shape)}).`,
      );
    }
  }
}

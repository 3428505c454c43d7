import { allocate, type DType } from '../dtype.js';
import { InvalidArgumentError, ShapeError } from '../errors.js';
import { formatShape, sizeOf, type FloatTensor, type Int32Tensor, type Tensor } from '../tensor.js';
import { assertRank, assertSameDType } from './checks.js';

/** Returns a tensor with the same elements in a new shape of the same size; one dimension may be −1. */
export function reshape<T extends Tensor>(x: T, shape: readonly number[]): T {
  const unknown = shape.indexOf(-1);
  const known = sizeOf(shape.filter((_, i) => i !== unknown));
  const resolved = [...shape];
  if (unknown >= 0) resolved[unknown] = known === 0 ? 0 : x.data.length / known;
  if (sizeOf(resolved) !== x.data.length || resolved.some((d) => !Number.isInteger(d) || d < 0)) {
    throw new ShapeError(
      `reshape: shape ${formatShape(shape)} does not fit the ${x.data.length} elements of shape ${formatShape(x.shape)}.`,
    );
  }
  // The data is shared, which is safe because no tensor's data is ever written after construction.
  return { ...x, shape: Object.freeze(resolved) };
}

/** Returns the transpose of a matrix `[m, n] → [n, m]`. */
export function transpose<T extends Tensor>(x: T): T {
  assertRank('transpose', 'x', x, 2);
  const [m, n] = x.shape as [number, number];
  const out = allocate(x.dtype, m * n);
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) out[j * m + i] = x.data[i * n + j] as number;
  return { dtype: x.dtype, shape: Object.freeze([n, m]), data: out } as T;
}

/** Returns the rows of x (along axis 0) picked by int32 `indices`, in that order; repeats are allowed. */
export function gather<T extends Tensor>(x: T, indices: Int32Tensor | readonly number[]): T {
  if (x.shape.length === 0)
    throw new ShapeError('gather: x must have at least one axis (got a scalar).');
  if (!Array.isArray(indices)) assertRank('gather', 'indices', indices as Int32Tensor, 1);
  const list = Array.isArray(indices) ? indices : Array.from((indices as Int32Tensor).data);
  const rows = x.shape[0] as number;
  const rowSize = sizeOf(x.shape.slice(1));
  const out = allocate(x.dtype, list.length * rowSize);
  list.forEach((index, r) => {
    if (!Number.isInteger(index) || index < 0 || index >= rows) {
      throw new InvalidArgumentError(
        `gather: index ${r} must be an integer in [0, ${rows - 1}] for x of shape ${formatShape(x.shape)} (got ${index}).`,
      );
    }
    out.set((x.data as Int32Array).subarray(index * rowSize, (index + 1) * rowSize), r * rowSize);
  });
  return {
    dtype: x.dtype,
    shape: Object.freeze([list.length, ...x.shape.slice(1)]),
    data: out,
  } as T;
}

/**
 * Returns rows `start` to `end` (exclusive) of x along axis 0. As in Python slices, negative
 * bounds count from the end, bounds past either end are clamped, and `end <= start` gives no rows.
 *
 * @example
 * sliceRows(images, 0, 128); // the first batch
 */
export function sliceRows<T extends Tensor>(x: T, start: number, end?: number): T {
  if (x.shape.length === 0)
    throw new ShapeError('sliceRows: x must have at least one axis (got a scalar).');
  if (!Number.isInteger(start) || (end !== undefined && !Number.isInteger(end))) {
    throw new InvalidArgumentError(
      `sliceRows: start and end must be integers (got start ${start}, end ${end}).`,
    );
  }
  const rows = x.shape[0] as number;
  const clamp = (i: number): number => Math.min(Math.max(i < 0 ? rows + i : i, 0), rows);
  const from = clamp(start);
  const to = Math.max(from, clamp(end ?? rows));
  const rowSize = sizeOf(x.shape.slice(1));
  const data = x.data.slice(from * rowSize, to * rowSize);
  return { dtype: x.dtype, shape: Object.freeze([to - from, ...x.shape.slice(1)]), data } as T;
}

/** Concatenates tensors along axis 0; every other dimension and the dtype must agree. */
export function concatRows<T extends Tensor>(parts: readonly T[]): T {
  const first = parts[0];
  if (first === undefined)
    throw new InvalidArgumentError('concatRows: parts must hold at least one tensor (got none).');
  if (first.shape.length === 0)
    throw new ShapeError('concatRows: tensors must have at least one axis (got a scalar).');
  const tail = first.shape.slice(1);
  let rows = 0;
  for (const [i, part] of parts.entries()) {
    assertSameDType('concatRows', first, part);
    const partTail = part.shape.slice(1);
    if (part.shape.length !== first.shape.length || partTail.some((d, j) => d !== tail[j])) {
      throw new ShapeError(
        `concatRows: part ${i} has shape ${formatShape(part.shape)}, which does not fit part 0's ${formatShape(first.shape)} (all axes after the first must match).`,
      );
    }
    rows += part.shape[0] as number;
  }
  const out = allocate(first.dtype as DType, rows * sizeOf(tail));
  let offset = 0;
  for (const part of parts) {
    out.set(part.data as Int32Array, offset);
    offset += part.data.length;
  }
  return { dtype: first.dtype, shape: Object.freeze([rows, ...tail]), data: out } as T;
}

/**
 * Encodes int32 labels `[n]` as one-hot rows `[n, classes]` of `dtype` (float32 by default).
 * Every label must be an integer in [0, classes).
 */
export function oneHot<D extends 'float32' | 'float64' = 'float32'>(
  labels: Int32Tensor | readonly number[],
  classes: number,
  dtype: D = 'float32' as D,
): Tensor<D> & FloatTensor {
  if (!Number.isInteger(classes) || classes < 1) {
    throw new InvalidArgumentError(`oneHot: classes must be a positive integer (got ${classes}).`);
  }
  const list = Array.isArray(labels) ? labels : Array.from((labels as Int32Tensor).data);
  if (!Array.isArray(labels)) assertRank('oneHot', 'labels', labels as Int32Tensor, 1);
  const out = allocate(dtype, list.length * classes);
  list.forEach((label, i) => {
    if (!Number.isInteger(label) || label < 0 || label >= classes) {
      throw new InvalidArgumentError(
        `oneHot: label ${i} must be an integer in [0, ${classes - 1}] (got ${label}).`,
      );
    }
    out[i * classes + label] = 1;
  });
  return { dtype, shape: Object.freeze([list.length, classes]), data: out } as Tensor<D> &
    FloatTensor;
}

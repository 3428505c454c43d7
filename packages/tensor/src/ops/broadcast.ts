import { ShapeError } from '../errors.js';
import { formatShape } from '../tensor.js';

/**
 * Returns the shape that two shapes broadcast to, by NumPy's rule. The shapes are aligned at their
 * last axis, and two dimensions are compatible when they are equal or one of them is 1.
 */
export function broadcastShapes(fn: string, a: readonly number[], b: readonly number[]): number[] {
  const rank = Math.max(a.length, b.length);
  const shape: number[] = [];
  for (let i = 0; i < rank; i++) {
    const da = a[a.length - rank + i] ?? 1;
    const db = b[b.length - rank + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) {
      throw new ShapeError(
        `${fn}: shapes ${formatShape(a)} and ${formatShape(b)} cannot be broadcast together ` +
          `(axis ${i} of the result has ${da} against ${db}). Reshape one operand to a row [1, n] or a column [m, 1].`,
      );
    }
    shape.push(da === 1 ? db : da);
  }
  return shape;
}

/**
 * Returns, for each output element in row-major order, the index of the input element that
 * broadcasting maps to it.
 */
export function broadcastIndices(input: readonly number[], output: readonly number[]): Int32Array {
  const rank = output.length;
  const strides: number[] = new Array<number>(rank).fill(0);
  let stride = 1;
  for (let i = input.length - 1; i >= 0; i--) {
    const dim = input[i] as number;
    strides[rank - input.length + i] = dim === 1 ? 0 : stride;
    stride *= dim;
  }
  let total = 1;
  for (const dim of output) total *= dim;
  const indices = new Int32Array(total);
  const counter: number[] = new Array<number>(rank).fill(0);
  let offset = 0;
  for (let flat = 0; flat < total; flat++) {
    indices[flat] = offset;
    for (let axis = rank - 1; axis >= 0; axis--) {
      counter[axis] = (counter[axis] as number) + 1;
      offset += strides[axis] as number;
      if ((counter[axis] as number) < (output[axis] as number)) break;
      offset -= (strides[axis] as number) * (counter[axis] as number);
      counter[axis] = 0;
    }
  }
  return indices;
}

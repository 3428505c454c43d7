import { allocate } from '../dtype.js';
import { sizeOf, type FloatTensor, type Tensor } from '../tensor.js';
import { broadcastIndices, broadcastShapes } from './broadcast.js';
import { assertFloat, assertSameDType } from './checks.js';

/** A tensor operand or a plain number, which broadcasts like a scalar of the other's dtype. */
export type Operand<T extends FloatTensor> = T | number;

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((dim, i) => dim === b[i]);
}

function binary<T extends FloatTensor>(
  fn: string,
  a: Operand<T>,
  b: Operand<T>,
  op: (x: number, y: number) => number,
): T {
  if (typeof a === 'number' && typeof b === 'number') {
    throw new TypeError(`${fn}: at least one operand must be a tensor (got two numbers).`);
  }
  const left = typeof a === 'number' ? undefined : a;
  const right = typeof b === 'number' ? undefined : b;
  if (left) assertFloat(fn, 'a', left);
  if (right) assertFloat(fn, 'b', right);
  if (left && right) assertSameDType(fn, left, right);
  const dtype = (left ?? right)!.dtype;

  if (!left || !right) {
    const x = (left ?? right)!;
    const scalar = (typeof a === 'number' ? a : b) as number;
    const out = allocate(dtype, x.data.length);
    for (let i = 0; i < out.length; i++) {
      const v = x.data[i] as number;
      out[i] = left ? op(v, scalar) : op(scalar, v);
    }
    return { dtype, shape: x.shape, data: out } as T;
  }

  if (sameShape(left.shape, right.shape)) {
    const out = allocate(dtype, left.data.length);
    for (let i = 0; i < out.length; i++)
      out[i] = op(left.data[i] as number, right.data[i] as number);
    return { dtype, shape: left.shape, data: out } as T;
  }

  const shape = broadcastShapes(fn, left.shape, right.shape);
  const leftIndex = broadcastIndices(left.shape, shape);
  const rightIndex = broadcastIndices(right.shape, shape);
  const out = allocate(dtype, sizeOf(shape));
  for (let i = 0; i < out.length; i++) {
    out[i] = op(
      left.data[leftIndex[i] as number] as number,
      right.data[rightIndex[i] as number] as number,
    );
  }
  return { dtype, shape: Object.freeze(shape), data: out } as T;
}

/**
 * Adds element-wise, `a + b`, broadcasting scalars, rows `[1, n]` or `[n]` and columns `[m, 1]`
 * by NumPy's rule.
 */
export function add<T extends FloatTensor>(a: Operand<T>, b: Operand<T>): T {
  return binary('add', a, b, (x, y) => x + y);
}

/** Subtracts element-wise, `a − b`, broadcasting as {@link add} does. */
export function sub<T extends FloatTensor>(a: Operand<T>, b: Operand<T>): T {
  return binary('sub', a, b, (x, y) => x - y);
}

/** Multiplies element-wise, `a ⊙ b`, broadcasting as {@link add} does. */
export function mul<T extends FloatTensor>(a: Operand<T>, b: Operand<T>): T {
  return binary('mul', a, b, (x, y) => x * y);
}

/** Divides element-wise, `a / b`, broadcasting as {@link add} does. Division by 0 follows IEEE 754. */
export function div<T extends FloatTensor>(a: Operand<T>, b: Operand<T>): T {
  return binary('div', a, b, (x, y) => x / y);
}

/**
 * Applies `f` to every element and returns a new tensor of the same shape and dtype. In float32
 * the result of `f` is rounded to the nearest float32.
 */
export function map<T extends FloatTensor>(x: T, f: (value: number, index: number) => number): T {
  assertFloat('map', 'x', x);
  const out = allocate(x.dtype, x.data.length);
  for (let i = 0; i < out.length; i++) out[i] = f(x.data[i] as number, i);
  return { dtype: x.dtype, shape: x.shape, data: out } as T;
}

/** Returns `eˣ` element-wise. */
export function exp<T extends FloatTensor>(x: T): T {
  return map(x, Math.exp);
}

/** Returns the natural logarithm element-wise (NaN below 0, −∞ at 0, as IEEE 754 says). */
export function log<T extends FloatTensor>(x: T): T {
  return map(x, Math.log);
}

/** Returns the square root element-wise (NaN below 0). */
export function sqrt<T extends FloatTensor>(x: T): T {
  return map(x, Math.sqrt);
}

/** Returns `−x` element-wise. */
export function neg<T extends FloatTensor>(x: T): T {
  return map(x, (v) => -v);
}

/** Returns a copy of `x` with elements converted to `dtype` (int32 truncates toward zero). */
export function cast<D extends 'float32' | 'float64' | 'int32'>(x: Tensor, dtype: D): Tensor<D> {
  const out = allocate(dtype, x.data.length);
  for (let i = 0; i < out.length; i++) {
    out[i] = dtype === 'int32' ? Math.trunc(x.data[i] as number) : (x.data[i] as number);
  }
  return { dtype, shape: x.shape, data: out };
}

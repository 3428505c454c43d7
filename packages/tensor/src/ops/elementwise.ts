import { allocate, type DType } from '../dtype.js';
import { InvalidArgumentError } from '../errors.js';
import { getKernels } from '../kernels/index.js';
import type { BinaryOp, UnaryOp } from '../kernels/types.js';
import { sizeOf, type FloatTensor, type Tensor } from '../tensor.js';
import { broadcastIndices, broadcastShapes } from './broadcast.js';
import { assertDType, assertFloat, assertSameDType } from './checks.js';

/** A tensor operand or a plain number, which broadcasts like a scalar of the other's dtype. */
export type Operand<T extends FloatTensor> = T | number;

const SCALAR_OPS: Readonly<Record<BinaryOp, (x: number, y: number) => number>> = {
  add: (x, y) => x + y,
  sub: (x, y) => x - y,
  mul: (x, y) => x * y,
  div: (x, y) => x / y,
};

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((dim, i) => dim === b[i]);
}

/** Returns true when `row` is `[n]` or `[1, n]` and x is `[m, n]`, the shape of a bias add. */
function isRowOf(x: readonly number[], row: readonly number[]): boolean {
  if (x.length !== 2) return false;
  const cols = x[1];
  return (
    (row.length === 1 && row[0] === cols) || (row.length === 2 && row[0] === 1 && row[1] === cols)
  );
}

function binary<T extends FloatTensor>(fn: BinaryOp, a: Operand<T>, b: Operand<T>): T {
  if (typeof a === 'number' && typeof b === 'number') {
    throw new InvalidArgumentError(
      `${fn}: at least one operand must be a tensor (got the numbers ${a} and ${b}). Wrap one in tensor().`,
    );
  }
  if (typeof a === 'number') return withScalar(fn, b as T, a, true);
  if (typeof b === 'number') return withScalar(fn, a, b, false);

  assertFloat(fn, 'a', a);
  assertFloat(fn, 'b', b);
  assertSameDType(fn, a, b);
  if (sameShape(a.shape, b.shape)) {
    const out = allocate(a.dtype, a.data.length);
    getKernels().binary(fn, a.data, b.data, out);
    return { dtype: a.dtype, shape: a.shape, data: out } as T;
  }
  if (fn === 'add' && isRowOf(a.shape, b.shape)) {
    const [rows, cols] = a.shape as [number, number];
    const out = allocate(a.dtype, a.data.length);
    getKernels().addRowVector(a.data, b.data, rows, cols, out);
    return { dtype: a.dtype, shape: a.shape, data: out } as T;
  }
  return broadcastBinary(fn, a, b);
}

/** Applies `fn` between every element of x and a number, x on the left unless `scalarFirst`. */
function withScalar<T extends FloatTensor>(
  fn: BinaryOp,
  x: T,
  scalar: number,
  scalarFirst: boolean,
): T {
  assertFloat(fn, scalarFirst ? 'b' : 'a', x);
  const op = SCALAR_OPS[fn];
  const out = allocate(x.dtype, x.data.length);
  if (scalarFirst) {
    for (let i = 0; i < out.length; i++) out[i] = op(scalar, x.data[i] as number);
  } else {
    for (let i = 0; i < out.length; i++) out[i] = op(x.data[i] as number, scalar);
  }
  return { dtype: x.dtype, shape: x.shape, data: out } as T;
}

/** Applies `fn` to operands of different shapes through the index maps that broadcasting defines. */
function broadcastBinary<T extends FloatTensor>(fn: BinaryOp, a: T, b: T): T {
  const shape = broadcastShapes(fn, a.shape, b.shape);
  const aIndex = broadcastIndices(a.shape, shape);
  const bIndex = broadcastIndices(b.shape, shape);
  const op = SCALAR_OPS[fn];
  const out = allocate(a.dtype, sizeOf(shape));
  for (let i = 0; i < out.length; i++) {
    out[i] = op(a.data[aIndex[i] as number] as number, b.data[bIndex[i] as number] as number);
  }
  return { dtype: a.dtype, shape: Object.freeze(shape), data: out } as T;
}

/**
 * Adds element-wise, `a + b`, broadcasting by NumPy's rule: shapes align at their last axis and a
 * dimension of 1 stretches, so a scalar, a row `[n]` or `[1, n]` and a column `[m, 1]` all combine
 * with a matrix `[m, n]`. A plain number acts as a scalar of the tensor's dtype.
 *
 * @example
 * add(x, bias); // x [batch, units] + bias [units]
 */
export function add<T extends FloatTensor>(a: Operand<T>, b: Operand<T>): T {
  return binary('add', a, b);
}

/** Subtracts element-wise, `a − b`, broadcasting as {@link add} does. */
export function sub<T extends FloatTensor>(a: Operand<T>, b: Operand<T>): T {
  return binary('sub', a, b);
}

/** Multiplies element-wise, `a ⊙ b`, broadcasting as {@link add} does. */
export function mul<T extends FloatTensor>(a: Operand<T>, b: Operand<T>): T {
  return binary('mul', a, b);
}

/** Divides element-wise, `a / b`, broadcasting as {@link add} does. Division by 0 follows IEEE 754. */
export function div<T extends FloatTensor>(a: Operand<T>, b: Operand<T>): T {
  return binary('div', a, b);
}

/**
 * Applies `f` to every element and returns a new tensor of the same shape and dtype. In float32
 * the result of `f` is rounded to the nearest float32.
 *
 * @example
 * map(x, (v) => Math.max(v, 0)); // ReLU
 */
export function map<T extends FloatTensor>(x: T, f: (value: number, index: number) => number): T {
  assertFloat('map', 'x', x);
  const out = allocate(x.dtype, x.data.length);
  for (let i = 0; i < out.length; i++) out[i] = f(x.data[i] as number, i);
  return { dtype: x.dtype, shape: x.shape, data: out } as T;
}

function unary<T extends FloatTensor>(fn: UnaryOp, x: T): T {
  assertFloat(fn, 'x', x);
  const out = allocate(x.dtype, x.data.length);
  getKernels().unary(fn, x.data, out);
  return { dtype: x.dtype, shape: x.shape, data: out } as T;
}

/** Returns `eˣ` element-wise. */
export function exp<T extends FloatTensor>(x: T): T {
  return unary('exp', x);
}

/** Returns the natural logarithm element-wise (NaN below 0 and −∞ at 0, as IEEE 754 defines). */
export function log<T extends FloatTensor>(x: T): T {
  return unary('log', x);
}

/** Returns the square root element-wise (NaN below 0). */
export function sqrt<T extends FloatTensor>(x: T): T {
  return unary('sqrt', x);
}

/** Returns `−x` element-wise. */
export function neg<T extends FloatTensor>(x: T): T {
  return unary('neg', x);
}

/**
 * Returns a copy of `x` with elements converted to `dtype`: float64 to float32 rounds to nearest,
 * and a float to int32 truncates toward zero. Raises an InvalidArgumentError for a value that
 * int32 cannot hold (NaN, ±∞, or outside [−2³¹, 2³¹)).
 */
export function cast<D extends DType>(x: Tensor, dtype: D): Tensor<D> {
  assertDType('cast', dtype);
  const out = allocate(dtype, x.data.length);
  if (dtype !== 'int32') {
    out.set(x.data);
    return { dtype, shape: x.shape, data: out } as Tensor<D>;
  }
  for (let i = 0; i < out.length; i++) {
    const value = Math.trunc(x.data[i] as number);
    if (!(value >= -(2 ** 31) && value < 2 ** 31)) {
      throw new InvalidArgumentError(
        `cast: element ${i} must be finite and within the int32 range to cast to int32 (got ${x.data[i]}).`,
      );
    }
    out[i] = value;
  }
  return { dtype, shape: x.shape, data: out } as Tensor<D>;
}

import { allocate, dtypeOfArray, type DataTypeMap, type DType, type TypedArray } from './dtype.js';
import { DTypeError, InvalidArgumentError, ShapeError } from './errors.js';

/**
 * An immutable n-dimensional array: `shape` is row-major and `data` holds `size(shape)` elements.
 *
 * Typed arrays cannot be frozen, so immutability is a contract: `data` is typed `Readonly` so that
 * an index write does not compile, every op allocates its output, and the purity tests compare
 * every input before and after each op. Nothing writes into a tensor's data after construction.
 *
 * `Tensor` distributes over a dtype union: `Tensor<'float32' | 'float64'>` is
 * `Tensor<'float32'> | Tensor<'float64'>`, which is FloatTensor. So a value typed with a dtype
 * union, such as `tensor(values, { dtype })` with dtype a FloatDType, is accepted where a
 * FloatTensor is expected, and no tensor type pairs one dtype with another dtype's data.
 */
export type Tensor<D extends DType = DType> = D extends DType ? TensorOfDType<D> : never;

/** The fields of a tensor of exactly one dtype D; {@link Tensor} is the union of these over D. */
export interface TensorOfDType<D extends DType> {
  readonly dtype: D;
  readonly shape: readonly number[];
  readonly data: Readonly<DataTypeMap[D]>;
}

export type Float32Tensor = Tensor<'float32'>;
export type Float64Tensor = Tensor<'float64'>;
export type FloatTensor = Tensor<'float32'> | Tensor<'float64'>;
export type Int32Tensor = Tensor<'int32'>;

/** Nested arrays of numbers, one level per axis, as `toNested` returns and `tensor` accepts. */
export type NestedArray = number | readonly NestedArray[];

/** Options for the tensor constructors. */
export interface TensorOptions<D extends DType> {
  /** The element type; float32 unless given (or the typed array's own dtype). */
  readonly dtype?: D;
  /** The shape; required for flat input, inferred for nested arrays. */
  readonly shape?: readonly number[];
}

/** Returns the number of elements of a shape: the product of its dimensions (1 for a scalar). */
export function sizeOf(shape: readonly number[]): number {
  let size = 1;
  for (const dim of shape) size *= dim;
  return size;
}

function isInt32(value: number): boolean {
  return Number.isInteger(value) && value >= -(2 ** 31) && value < 2 ** 31;
}

// A local copy of assertDType in ops/checks.ts, which imports this module.
function checkDType(fn: string, dtype: unknown): void {
  if (dtype !== 'float32' && dtype !== 'float64' && dtype !== 'int32') {
    throw new DTypeError(
      `${fn}: dtype must be float32, float64 or int32 (got "${String(dtype)}").`,
    );
  }
}

function checkShape(fn: string, shape: readonly number[]): readonly number[] {
  for (const dim of shape) {
    if (!Number.isInteger(dim) || dim < 0) {
      throw new ShapeError(
        `${fn}: every dimension must be a non-negative integer (got shape [${shape.join(', ')}]).`,
      );
    }
  }
  return Object.freeze([...shape]);
}

/**
 * Creates a tensor from nested arrays, a flat array with a shape, or a typed array with a shape,
 * always copying the input.
 *
 * @example
 * const x = tensor([[1, 2], [3, 4]]); // float32, shape [2, 2]
 * const y = tensor([1, 2, 3, 4], { shape: [2, 2], dtype: 'float64' });
 */
export function tensor<D extends DType = 'float32'>(
  values: NestedArray | ArrayLike<number>,
  options: TensorOptions<D> = {},
): Tensor<D> {
  const fromTyped = dtypeOfArray(values);
  const dtype = (options.dtype ?? fromTyped ?? 'float32') as D;
  checkDType('tensor', dtype);
  if (typeof values === 'number') {
    return fromFlat('tensor', [values], options.shape ?? [], dtype);
  }
  if (fromTyped !== undefined || options.shape !== undefined) {
    const flat = values as ArrayLike<number>;
    return fromFlat('tensor', flat, options.shape ?? [flat.length], dtype);
  }
  const shape = inferShape(values as readonly NestedArray[]);
  const flat: number[] = [];
  flatten(values as readonly NestedArray[], shape, 0, flat);
  return fromFlat('tensor', flat, shape, dtype);
}

function fromFlat<D extends DType>(
  fn: string,
  values: ArrayLike<number>,
  shape: readonly number[],
  dtype: D,
): Tensor<D> {
  const frozenShape = checkShape(fn, shape);
  const size = sizeOf(frozenShape);
  if (values.length !== size) {
    throw new ShapeError(
      `${fn}: ${values.length} values do not fill shape [${frozenShape.join(', ')}], which needs ${size}.`,
    );
  }
  const data = allocate(dtype, size);
  for (let i = 0; i < size; i++) {
    const value = values[i] as number;
    if (typeof value !== 'number') {
      throw new InvalidArgumentError(
        `${fn}: element ${i} must be a number (got ${String(value)}).`,
      );
    }
    if (dtype === 'int32' && !isInt32(value)) {
      throw new InvalidArgumentError(
        `${fn}: element ${i} must be an integer in [-2^31, 2^31 - 1] for dtype int32 (got ${value}).`,
      );
    }
    data[i] = value;
  }
  return { dtype, shape: frozenShape, data } as Tensor<D>;
}

function inferShape(values: readonly NestedArray[]): number[] {
  const shape = [values.length];
  let first: NestedArray | undefined = values[0];
  while (Array.isArray(first)) {
    shape.push(first.length);
    first = (first as readonly NestedArray[])[0];
  }
  return shape;
}

function flatten(values: NestedArray, shape: readonly number[], axis: number, out: number[]): void {
  if (axis === shape.length) {
    if (Array.isArray(values)) {
      throw new ShapeError(
        `tensor: nested arrays are ragged (expected a number at depth ${axis}).`,
      );
    }
    out.push(values as number);
    return;
  }
  if (!Array.isArray(values) || values.length !== shape[axis]) {
    const got = Array.isArray(values) ? `length ${values.length}` : String(values);
    throw new ShapeError(
      `tensor: nested arrays are ragged (expected length ${shape[axis]} at depth ${axis}, got ${got}).`,
    );
  }
  for (const value of values as readonly NestedArray[]) flatten(value, shape, axis + 1, out);
}

/**
 * Wraps a typed array as a tensor without copying it. The caller hands over ownership and must
 * never write into `data` again. Meant for kernels and loaders that have just filled the array.
 */
export function unsafeFromData<A extends TypedArray>(
  data: A,
  shape: readonly number[],
): Tensor<A extends Float32Array ? 'float32' : A extends Float64Array ? 'float64' : 'int32'> {
  const dtype = dtypeOfArray(data);
  if (dtype === undefined) {
    throw new InvalidArgumentError(
      'unsafeFromData: data must be a Float32Array, Float64Array or Int32Array.',
    );
  }
  const frozenShape = checkShape('unsafeFromData', shape);
  if (sizeOf(frozenShape) !== data.length) {
    throw new ShapeError(
      `unsafeFromData: shape [${frozenShape.join(', ')}] needs ${sizeOf(frozenShape)} elements (got ${data.length}).`,
    );
  }
  return { dtype, shape: frozenShape, data } as never;
}

/** The dtype argument of full, zeros and ones: a dtype string or `{ dtype }` as `tensor` takes. */
export type DTypeOption<D extends DType> = D | { readonly dtype?: D };

// Accepts both forms so that `zeros(shape, { dtype })`, copied from `tensor`, works too.
function resolveDType<D extends DType>(fn: string, option: DTypeOption<D> | undefined): D {
  if (option === undefined) return 'float32' as D;
  if (typeof option === 'string') {
    checkDType(fn, option);
    return option;
  }
  if (typeof option !== 'object' || option === null) {
    throw new DTypeError(
      `${fn}: dtype must be a dtype string or { dtype } (got ${String(option)}). ` +
        `Pass e.g. ${fn}(shape, 'float64') or ${fn}(shape, { dtype: 'float64' }).`,
    );
  }
  const dtype = option.dtype ?? ('float32' as D);
  checkDType(fn, dtype);
  return dtype;
}

function fill<D extends DType>(
  fn: string,
  shape: readonly number[],
  value: number,
  dtype: D,
): Tensor<D> {
  const frozenShape = checkShape(fn, shape);
  if (dtype === 'int32' && !isInt32(value)) {
    throw new InvalidArgumentError(
      `${fn}: value must be an integer in [-2^31, 2^31 - 1] for dtype int32 (got ${value}).`,
    );
  }
  const data = allocate(dtype, sizeOf(frozenShape));
  if (value !== 0) data.fill(value);
  return { dtype, shape: frozenShape, data } as Tensor<D>;
}

/**
 * Creates a tensor of `shape` filled with `value`, float32 unless a dtype is given as a string
 * or as `{ dtype }`.
 *
 * @example
 * full([2, 2], 7, 'int32');
 * full([3], 0.5, { dtype: 'float64' });
 */
export function full<D extends DType = 'float32'>(
  shape: readonly number[],
  value: number,
  dtype?: DTypeOption<D>,
): Tensor<D> {
  return fill('full', shape, value, resolveDType('full', dtype));
}

/** Creates a tensor of `shape` filled with zeros; the dtype is given as for {@link full}. */
export function zeros<D extends DType = 'float32'>(
  shape: readonly number[],
  dtype?: DTypeOption<D>,
): Tensor<D> {
  return fill('zeros', shape, 0, resolveDType('zeros', dtype));
}

/** Creates a tensor of `shape` filled with ones; the dtype is given as for {@link full}. */
export function ones<D extends DType = 'float32'>(
  shape: readonly number[],
  dtype?: DTypeOption<D>,
): Tensor<D> {
  return fill('ones', shape, 1, resolveDType('ones', dtype));
}

/** Returns the tensor's elements as a new flat array, in row-major order. */
export function toArray(x: Tensor): number[] {
  return Array.from(x.data);
}

/** Returns the tensor's elements as new nested arrays, one level per axis (a number for a scalar). */
export function toNested(x: Tensor): NestedArray {
  const build = (axis: number, offset: number): NestedArray => {
    if (axis === x.shape.length) return x.data[offset] as number;
    const stride = sizeOf(x.shape.slice(axis + 1));
    const rows: NestedArray[] = [];
    for (let i = 0; i < (x.shape[axis] as number); i++)
      rows.push(build(axis + 1, offset + i * stride));
    return rows;
  };
  return build(0, 0);
}

/** Returns the number of elements of a tensor. */
export function size(x: Tensor): number {
  return x.data.length;
}

/** Formats a shape for messages, e.g. `[128, 784]`. */
export function formatShape(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

import { allocate } from '../dtype.js';
import { ShapeError } from '../errors.js';
import { getKernels } from '../kernels/index.js';
import { formatShape, type FloatTensor, type Tensor } from '../tensor.js';
import { assertFloat, assertRank, assertSameDType } from './checks.js';

/** Options of {@link matmul}. */
export interface MatmulOptions {
  /** Use aᵀ: a is stored `[k, m]`. */
  readonly transposeA?: boolean;
  /** Use bᵀ: b is stored `[n, k]`. */
  readonly transposeB?: boolean;
}

/**
 * Multiplies two matrices, `op(a) [m, k] · op(b) [k, n] → [m, n]`, where op transposes an operand
 * when its option is set. The transposed cases read the operand in place, without building the
 * transpose.
 *
 * @example
 * matmul(x, weight, { transposeB: true }); // X Wᵀ for x [batch, inputs], weight [units, inputs]
 */
export function matmul<T extends FloatTensor>(a: T, b: Tensor, options: MatmulOptions = {}): T {
  const { transposeA = false, transposeB = false } = options;
  assertFloat('matmul', 'a', a);
  assertFloat('matmul', 'b', b);
  assertSameDType('matmul', a, b);
  assertRank('matmul', 'a', a, 2);
  assertRank('matmul', 'b', b, 2);
  const [aRows, aCols] = a.shape as [number, number];
  const [bRows, bCols] = b.shape as [number, number];
  const m = transposeA ? aCols : aRows;
  const k = transposeA ? aRows : aCols;
  const kB = transposeB ? bCols : bRows;
  const n = transposeB ? bRows : bCols;
  if (k !== kB) {
    const left = transposeA ? `aᵀ of a ${formatShape(a.shape)}` : `a ${formatShape(a.shape)}`;
    const right = transposeB ? `bᵀ of b ${formatShape(b.shape)}` : `b ${formatShape(b.shape)}`;
    throw new ShapeError(
      `matmul: inner dimensions must match, but ${left} has ${k} columns and ${right} has ${kB} rows.`,
    );
  }
  const out = allocate(a.dtype, m * n);
  getKernels().matmul(a.data, b.data, out, m, k, n, transposeA, transposeB);
  return { dtype: a.dtype, shape: Object.freeze([m, n]), data: out } as T;
}

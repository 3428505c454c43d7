import { allocate, assertFloat, assertRank, type FloatTensor } from '@puregrad/tensor';
import { assertSameShape, type Activation } from './activation.js';

/** Returns the maximum of row r of a `[rows, cols]` array, or NaN when the row contains NaN. */
function rowMax(data: ArrayLike<number>, offset: number, cols: number): number {
  let best = -Infinity;
  for (let j = 0; j < cols; j++) {
    const v = data[offset + j] as number;
    if (v > best || Number.isNaN(v)) best = v;
    if (Number.isNaN(best)) return best;
  }
  return best;
}

/**
 * Returns `max + log Σ_j e^{z_j − max}` for the row of a `[rows, cols]` array at `offset`. Shifting
 * by the row's max keeps every exponent ≤ 0, so nothing overflows and the largest term is 1. A row
 * whose max is ±∞ or NaN returns that max, because `z − max` would be NaN there.
 */
export function rowLogSumExp(data: ArrayLike<number>, offset: number, cols: number): number {
  const max = rowMax(data, offset, cols);
  if (!Number.isFinite(max)) return max;

  let total = 0;
  for (let j = 0; j < cols; j++) total += Math.exp((data[offset + j] as number) - max);
  return max + Math.log(total);
}

/**
 * Computes the log-sum-exp of each row, `logsumexp(z)_i = max_i + log Σ_j exp(z_ij − max_i)`, for
 * logits z `[batch, classes]`; returns `[batch]`. The max shift makes it finite for any finite
 * logits, where the unshifted `log Σ exp(z)` overflows once a logit passes about 709 (float64).
 */
export function logsumexp<T extends FloatTensor>(z: T): T {
  assertFloat('logsumexp', 'z', z);
  assertRank('logsumexp', 'z', z, 2);
  const [rows, cols] = z.shape as [number, number];
  const out = allocate(z.dtype, rows);
  for (let i = 0; i < rows; i++) out[i] = rowLogSumExp(z.data, i * cols, cols);
  return { dtype: z.dtype, shape: Object.freeze([rows]), data: out } as T;
}

/**
 * Computes the softmax of each row, `softmax(z)_ij = exp(z_ij − max_i) / Σ_k exp(z_ik − max_i)`,
 * for z `[batch, classes]`; returns `[batch, classes]` with rows that sum to 1. The max shift
 * cancels in the ratio and keeps every exponential ≤ 1.
 */
export function softmax<T extends FloatTensor>(z: T): T {
  assertFloat('softmax', 'z', z);
  assertRank('softmax', 'z', z, 2);
  const [rows, cols] = z.shape as [number, number];
  const out = allocate(z.dtype, rows * cols);
  for (let i = 0; i < rows; i++) writeSoftmaxRow(z.data, out, i * cols, cols);
  return { dtype: z.dtype, shape: z.shape, data: out } as T;
}

/** Writes the softmax of the row at `offset` of `data` into the same place of `out`. */
export function writeSoftmaxRow(
  data: ArrayLike<number>,
  out: { [index: number]: number },
  offset: number,
  cols: number,
): void {
  const max = rowMax(data, offset, cols);
  let total = 0;
  for (let j = 0; j < cols; j++) {
    const e = Math.exp((data[offset + j] as number) - max);
    out[offset + j] = e;
    total += e;
  }
  for (let j = 0; j < cols; j++) out[offset + j] = (out[offset + j] as number) / total;
}

/**
 * Computes the vjp of the row softmax: with `s = softmax(z)`, the Jacobian of a row is `diag(s) − s sᵀ`, so
 * `dz = s ⊙ (dy − (dy · s))` row by row, without building the `[classes, classes]` matrix.
 */
function softmaxVjp<T extends FloatTensor>(z: T, dy: T): T {
  assertSameShape('softmax.vjp', z, dy);
  const s = softmax(z);
  const [rows, cols] = z.shape as [number, number];
  const out = allocate(z.dtype, rows * cols);
  for (let i = 0; i < rows; i++) {
    const offset = i * cols;
    let dot = 0;
    for (let j = 0; j < cols; j++)
      dot += (dy.data[offset + j] as number) * (s.data[offset + j] as number);
    for (let j = 0; j < cols; j++) {
      out[offset + j] = (s.data[offset + j] as number) * ((dy.data[offset + j] as number) - dot);
    }
  }
  return { dtype: z.dtype, shape: z.shape, data: out } as T;
}

/**
 * Softmax over the rows of `[batch, classes]` as an activation. It has `vjp` and no `derivative`,
 * because each output depends on every input of its row. To train a classifier, prefer an
 * identity output with `softmaxCrossEntropy`, which fuses softmax into the loss and its gradient.
 */
export const softmaxActivation: Activation = Object.freeze({
  name: 'softmax',
  apply: softmax,
  vjp: softmaxVjp,
});

import type { FloatArray } from '../../dtype.js';

/**
 * Plain TypeScript matmul, `out[m, n] = op(a) · op(b)`. Each transpose case reads its operands
 * in place through strides, so no transposed copy is built.
 */
export function matmul(
  a: FloatArray,
  b: FloatArray,
  out: FloatArray,
  m: number,
  k: number,
  n: number,
  transposeA: boolean,
  transposeB: boolean,
): void {
  // Element (i, p) of op(a) and (p, j) of op(b), as strides into the stored arrays.
  const aRow = transposeA ? 1 : k;
  const aCol = transposeA ? m : 1;
  const bRow = transposeB ? 1 : n;
  const bCol = transposeB ? k : 1;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let sum = 0;
      for (let p = 0; p < k; p++) {
        sum += (a[i * aRow + p * aCol] as number) * (b[p * bRow + j * bCol] as number);
      }
      out[i * n + j] = sum;
    }
  }
}

import type { FloatArray } from '../../dtype.js';

/**
 * Plain TypeScript matmul, `out[m, n] = op(a) · op(b)`, cache-blocked with a register-tiled
 * micro-kernel (the loop structure of GotoBLAS and BLIS):
 *
 * 1. Columns of op(b) are taken `nc` at a time and depths `kc` at a time; that `[kc, nc]` block is
 *    packed into float64 panels of NR = 4 columns, stored depth by depth.
 * 2. Rows of op(a) are taken `mc` at a time; that `[mc, kc]` block is packed into float64 panels
 *    of MR = 4 rows, so a panel pair is read with unit stride and stays in the L1 cache.
 * 3. A 4×4 micro-kernel keeps 16 sums in locals and adds its tile into a float64 accumulator.
 *
 * Packing reads each operand through strides, which is how every transpose case is handled
 * without building a transpose; edges are zero-padded to whole panels. Sums are float64 from the
 * first product to the last, so a float32 output is rounded once, when it is stored.
 */

/** Block sizes of {@link blockedMatmul}: depth `kc`, rows `mc` and columns `nc` per block. */
export interface MatmulBlocking {
  readonly kc: number;
  readonly mc: number;
  readonly nc: number;
}

/**
 * Default block sizes, chosen from cache sizes rather than tuned: a packed `[mc, kc]` block of a
 * is 128 KiB, half of a 512 KiB L2 cache, and a pair of micro-panels is 16 KiB, half of a 32 KiB
 * L1 cache.
 */
export const DEFAULT_BLOCKING: MatmulBlocking = Object.freeze({ kc: 256, mc: 64, nc: 512 });

const MR = 4;
const NR = 4;

/** Below this many multiply-adds the plain loop runs, skipping the packing (an estimate, not tuned). */
const BLOCKING_THRESHOLD = 16 * 16 * 16;

// Scratch buffers, grown on demand and reused. Kernels run to completion without yielding, so
// two calls never use them at the same time.
let packedA: Float64Array = new Float64Array(0);
let packedB: Float64Array = new Float64Array(0);
let accumulator: Float64Array = new Float64Array(0);

function scratch(buffer: Float64Array, size: number): Float64Array {
  return buffer.length >= size ? buffer : new Float64Array(size);
}

/**
 * Writes `out[m, n] = op(a) · op(b)`, where op(a) is a `[m, k]` (stored `[k, m]` when
 * `transposeA`) and op(b) is b `[k, n]` (stored `[n, k]` when `transposeB`). Small products use
 * the plain triple loop and the others {@link blockedMatmul}.
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
  if (m * n * k < BLOCKING_THRESHOLD) naiveMatmul(a, b, out, m, k, n, transposeA, transposeB);
  else blockedMatmul(a, b, out, m, k, n, transposeA, transposeB);
}

/**
 * Computes the reference triple loop, `out[i, j] = Σ_p op(a)[i, p] · op(b)[p, j]`, summed in float64 in
 * the order p = 0, 1, ..., k − 1.
 */
export function naiveMatmul(
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

/**
 * Computes the cache-blocked matmul described at the top of this file, with the same contract as
 * {@link matmul}. `blocking` exists so that tests can force many small blocks.
 */
export function blockedMatmul(
  a: FloatArray,
  b: FloatArray,
  out: FloatArray,
  m: number,
  k: number,
  n: number,
  transposeA: boolean,
  transposeB: boolean,
  blocking: MatmulBlocking = DEFAULT_BLOCKING,
): void {
  const kc = Math.min(blocking.kc, k);
  const mc = Math.min(roundUp(blocking.mc, MR), roundUp(m, MR));
  const nc = Math.min(roundUp(blocking.nc, NR), roundUp(n, NR));
  packedA = scratch(packedA, mc * kc);
  packedB = scratch(packedB, kc * nc);
  const c = out instanceof Float64Array ? out : (accumulator = scratch(accumulator, m * n));
  c.fill(0, 0, m * n);

  const aRow = transposeA ? 1 : k;
  const aCol = transposeA ? m : 1;
  const bRow = transposeB ? 1 : n;
  const bCol = transposeB ? k : 1;

  for (let jc = 0; jc < n; jc += nc) {
    const cols = Math.min(nc, n - jc);
    for (let pc = 0; pc < k; pc += kc) {
      const depth = Math.min(kc, k - pc);
      packPanelsB(b, bRow, bCol, pc, depth, jc, cols, packedB);
      for (let ic = 0; ic < m; ic += mc) {
        const rows = Math.min(mc, m - ic);
        packPanelsA(a, aRow, aCol, ic, rows, pc, depth, packedA);
        multiplyBlock(packedA, packedB, c, n, ic, rows, jc, cols, depth);
      }
    }
  }

  if (c !== out) {
    for (let i = 0; i < m * n; i++) out[i] = c[i] as number;
  }
}

function roundUp(x: number, multiple: number): number {
  return Math.ceil(x / multiple) * multiple;
}

/**
 * Packs rows `ic .. ic + rows` and depths `pc .. pc + depth` of op(a) into panels of MR rows:
 * panel r holds, for each depth p, the MR values op(a)[ic + r·MR + i, pc + p] side by side.
 * Rows past the edge are zero.
 */
function packPanelsA(
  a: FloatArray,
  aRow: number,
  aCol: number,
  ic: number,
  rows: number,
  pc: number,
  depth: number,
  packed: Float64Array,
): void {
  let q = 0;
  for (let r = 0; r < rows; r += MR) {
    for (let p = 0; p < depth; p++) {
      const column = (pc + p) * aCol;
      for (let i = 0; i < MR; i++) {
        const row = ic + r + i;
        packed[q++] = r + i < rows ? (a[row * aRow + column] as number) : 0;
      }
    }
  }
}

/**
 * Packs depths `pc .. pc + depth` and columns `jc .. jc + cols` of op(b) into panels of NR
 * columns: panel s holds, for each depth p, the NR values op(b)[pc + p, jc + s·NR + j] side by
 * side. Columns past the edge are zero.
 */
function packPanelsB(
  b: FloatArray,
  bRow: number,
  bCol: number,
  pc: number,
  depth: number,
  jc: number,
  cols: number,
  packed: Float64Array,
): void {
  let q = 0;
  for (let s = 0; s < cols; s += NR) {
    for (let p = 0; p < depth; p++) {
      const row = (pc + p) * bRow;
      for (let j = 0; j < NR; j++) {
        packed[q++] = s + j < cols ? (b[row + (jc + s + j) * bCol] as number) : 0;
      }
    }
  }
}

/** Adds the product of a packed `[rows, depth]` block and a packed `[depth, cols]` block into c. */
function multiplyBlock(
  packedA: Float64Array,
  packedB: Float64Array,
  c: Float64Array,
  n: number,
  ic: number,
  rows: number,
  jc: number,
  cols: number,
  depth: number,
): void {
  for (let s = 0; s < cols; s += NR) {
    const bOffset = s * depth;
    for (let r = 0; r < rows; r += MR) {
      const aOffset = r * depth;
      const tileRows = Math.min(MR, rows - r);
      const tileCols = Math.min(NR, cols - s);
      microKernel(
        packedA,
        aOffset,
        packedB,
        bOffset,
        depth,
        c,
        (ic + r) * n + jc + s,
        n,
        tileRows,
        tileCols,
      );
    }
  }
}

/**
 * Adds the 4×4 tile `Σ_p A[:, p] · B[p, :]` of two packed micro-panels into c at `offset`, row
 * stride `n`, keeping only `tileRows × tileCols` of it at the edges. The 16 sums are locals,
 * which the JIT can keep in registers where array elements would go through memory. The body is
 * long because it is unrolled by hand.
 */
function microKernel(
  packedA: Float64Array,
  aOffset: number,
  packedB: Float64Array,
  bOffset: number,
  depth: number,
  c: Float64Array,
  offset: number,
  n: number,
  tileRows: number,
  tileCols: number,
): void {
  let c00 = 0,
    c01 = 0,
    c02 = 0,
    c03 = 0;
  let c10 = 0,
    c11 = 0,
    c12 = 0,
    c13 = 0;
  let c20 = 0,
    c21 = 0,
    c22 = 0,
    c23 = 0;
  let c30 = 0,
    c31 = 0,
    c32 = 0,
    c33 = 0;
  let pa = aOffset;
  let pb = bOffset;
  for (let p = 0; p < depth; p++) {
    const a0 = packedA[pa] as number;
    const a1 = packedA[pa + 1] as number;
    const a2 = packedA[pa + 2] as number;
    const a3 = packedA[pa + 3] as number;
    const b0 = packedB[pb] as number;
    const b1 = packedB[pb + 1] as number;
    const b2 = packedB[pb + 2] as number;
    const b3 = packedB[pb + 3] as number;
    c00 += a0 * b0;
    c01 += a0 * b1;
    c02 += a0 * b2;
    c03 += a0 * b3;
    c10 += a1 * b0;
    c11 += a1 * b1;
    c12 += a1 * b2;
    c13 += a1 * b3;
    c20 += a2 * b0;
    c21 += a2 * b1;
    c22 += a2 * b2;
    c23 += a2 * b3;
    c30 += a3 * b0;
    c31 += a3 * b1;
    c32 += a3 * b2;
    c33 += a3 * b3;
    pa += MR;
    pb += NR;
  }

  if (tileRows === MR && tileCols === NR) {
    addRow(c, offset, c00, c01, c02, c03);
    addRow(c, offset + n, c10, c11, c12, c13);
    addRow(c, offset + 2 * n, c20, c21, c22, c23);
    addRow(c, offset + 3 * n, c30, c31, c32, c33);
    return;
  }
  const tile = [c00, c01, c02, c03, c10, c11, c12, c13, c20, c21, c22, c23, c30, c31, c32, c33];
  for (let i = 0; i < tileRows; i++) {
    for (let j = 0; j < tileCols; j++) {
      const index = offset + i * n + j;
      c[index] = (c[index] as number) + (tile[i * NR + j] as number);
    }
  }
}

function addRow(
  c: Float64Array,
  offset: number,
  x0: number,
  x1: number,
  x2: number,
  x3: number,
): void {
  c[offset] = (c[offset] as number) + x0;
  c[offset + 1] = (c[offset + 1] as number) + x1;
  c[offset + 2] = (c[offset + 2] as number) + x2;
  c[offset + 3] = (c[offset + 3] as number) + x3;
}

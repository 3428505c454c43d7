import type { FloatArray } from '../../dtype.js';

/** Plain TypeScript sum; see `Kernels.sum`. */
export function sum(x: FloatArray): number {
  let total = 0;
  for (let i = 0; i < x.length; i++) total += x[i] as number;
  return total;
}

/** Plain TypeScript max; see `Kernels.max`. */
export function max(x: FloatArray): number {
  let best = -Infinity;
  for (let i = 0; i < x.length; i++) {
    const value = x[i] as number;
    // A NaN wins, as Math.max lets it.
    if (value > best || Number.isNaN(value)) best = value;
    if (Number.isNaN(best)) return best;
  }
  return best;
}

/** Plain TypeScript column sums; see `Kernels.sumRows`. */
export function sumRows(x: FloatArray, rows: number, cols: number, out: FloatArray): void {
  out.fill(0, 0, cols);
  for (let r = 0; r < rows; r++) {
    const offset = r * cols;
    for (let c = 0; c < cols; c++) out[c] = (out[c] as number) + (x[offset + c] as number);
  }
}

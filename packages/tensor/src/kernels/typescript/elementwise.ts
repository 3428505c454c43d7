import type { FloatArray } from '../../dtype.js';
import type { BinaryOp, UnaryOp } from '../types.js';

/** Plain TypeScript element-wise binary op; see `Kernels.binary`. */
export function binary(op: BinaryOp, a: FloatArray, b: FloatArray, out: FloatArray): void {
  // One loop per op keeps the hot loop free of a per-element switch.
  const length = out.length;
  switch (op) {
    case 'add':
      for (let i = 0; i < length; i++) out[i] = (a[i] as number) + (b[i] as number);
      return;
    case 'sub':
      for (let i = 0; i < length; i++) out[i] = (a[i] as number) - (b[i] as number);
      return;
    case 'mul':
      for (let i = 0; i < length; i++) out[i] = (a[i] as number) * (b[i] as number);
      return;
    case 'div':
      for (let i = 0; i < length; i++) out[i] = (a[i] as number) / (b[i] as number);
      return;
  }
}

/** Plain TypeScript bias add; see `Kernels.addRowVector`. */
export function addRowVector(
  x: FloatArray,
  row: FloatArray,
  rows: number,
  cols: number,
  out: FloatArray,
): void {
  for (let r = 0; r < rows; r++) {
    const offset = r * cols;
    for (let c = 0; c < cols; c++) out[offset + c] = (x[offset + c] as number) + (row[c] as number);
  }
}

const unaryFunctions: Record<UnaryOp, (value: number) => number> = {
  neg: (value) => -value,
  exp: Math.exp,
  log: Math.log,
  sqrt: Math.sqrt,
};

/** Plain TypeScript element-wise unary op; see `Kernels.unary`. */
export function unary(op: UnaryOp, x: FloatArray, out: FloatArray): void {
  const f = unaryFunctions[op];
  for (let i = 0; i < x.length; i++) out[i] = f(x[i] as number);
}

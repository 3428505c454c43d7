import type { FloatArray } from '../../dtype.js';

function rowLogSumExp(logits: FloatArray, offset: number, cols: number): number {
  // Subtracting the row's max keeps every exponent ≤ 0, so exp cannot overflow.
  let rowMax = logits[offset] as number;
  for (let c = 1; c < cols; c++) rowMax = Math.max(rowMax, logits[offset + c] as number);
  let expSum = 0;
  for (let c = 0; c < cols; c++) expSum += Math.exp((logits[offset + c] as number) - rowMax);
  return rowMax + Math.log(expSum);
}

/** Plain TypeScript softmax cross-entropy; see `Kernels.softmaxCrossEntropy`. */
export function softmaxCrossEntropy(
  logits: FloatArray,
  targets: FloatArray,
  rows: number,
  cols: number,
  outGrad: FloatArray | undefined,
): number {
  let total = 0;
  for (let r = 0; r < rows; r++) {
    const offset = r * cols;
    const logSumExp = rowLogSumExp(logits, offset, cols);
    for (let c = 0; c < cols; c++) {
      const z = logits[offset + c] as number;
      const y = targets[offset + c] as number;
      total += y * (logSumExp - z);
      if (outGrad !== undefined) outGrad[offset + c] = (Math.exp(z - logSumExp) - y) / rows;
    }
  }
  return total / rows;
}

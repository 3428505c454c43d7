import type { FloatArray } from '../../dtype.js';

/** Plain TypeScript batch-norm forward in training mode; see `Kernels.batchNormTrainForward`. */
export function batchNormTrainForward(
  x: FloatArray,
  gamma: FloatArray,
  beta: FloatArray,
  rows: number,
  cols: number,
  epsilon: number,
  outMean: FloatArray,
  outVariance: FloatArray,
  outUnbiasedVariance: FloatArray,
  outInvStd: FloatArray,
  outXHat: FloatArray,
  outY: FloatArray,
): void {
  for (let c = 0; c < cols; c++) {
    // Two passes around the first row's value: the shifted sums stay small even when every
    // value is near 1e10, so a constant column gets a variance of exactly 0.
    const shift = x[c] as number;
    let sum = 0;
    let sumSquares = 0;
    for (let r = 0; r < rows; r++) {
      const d = (x[r * cols + c] as number) - shift;
      sum += d;
      sumSquares += d * d;
    }
    const meanShifted = sum / rows;
    const centeredSquares = Math.max(sumSquares - sum * meanShifted, 0);
    const variance = centeredSquares / rows;
    const invStd = 1 / Math.sqrt(variance + epsilon);
    outMean[c] = shift + meanShifted;
    outVariance[c] = variance;
    outUnbiasedVariance[c] = rows > 1 ? centeredSquares / (rows - 1) : NaN;
    outInvStd[c] = invStd;

    // Normalize with the unrounded mean: in float32 the stored mean can be off by more than
    // the spread of a column far from 0.
    const mean = shift + meanShifted;
    const g = gamma[c] as number;
    const bt = beta[c] as number;
    for (let r = 0; r < rows; r++) {
      const i = r * cols + c;
      const xHat = ((x[i] as number) - mean) * invStd;
      outXHat[i] = xHat;
      outY[i] = xHat * g + bt;
    }
  }
}

/** Plain TypeScript exact batch-norm backward in training mode; see `Kernels.batchNormTrainBackward`. */
export function batchNormTrainBackward(
  dy: FloatArray,
  xHat: FloatArray,
  gamma: FloatArray,
  invStd: FloatArray,
  rows: number,
  cols: number,
  outDx: FloatArray | undefined,
  outDGamma: FloatArray,
  outDBeta: FloatArray,
): void {
  for (let c = 0; c < cols; c++) {
    let sumDy = 0;
    let sumDyXHat = 0;
    for (let r = 0; r < rows; r++) {
      const i = r * cols + c;
      sumDy += dy[i] as number;
      sumDyXHat += (dy[i] as number) * (xHat[i] as number);
    }
    outDBeta[c] = sumDy;
    outDGamma[c] = sumDyXHat;

    // dxHat = dy ⊙ gamma, so its column means are gamma times those of dy.
    const g = gamma[c] as number;
    const meanDxHat = (g * sumDy) / rows;
    const meanDxHatXHat = (g * sumDyXHat) / rows;
    const scale = invStd[c] as number;
    if (outDx === undefined) continue;
    for (let r = 0; r < rows; r++) {
      const i = r * cols + c;
      const dxHat = (dy[i] as number) * g;
      outDx[i] = (dxHat - meanDxHat - (xHat[i] as number) * meanDxHatXHat) * scale;
    }
  }
}

import type { FloatArray } from '../../dtype.js';

/** Plain TypeScript dense-layer param grads; see `Kernels.normalizedDenseGrads`. */
export function normalizedDenseGrads(
  product: FloatArray,
  biasGrads: FloatArray,
  gamma: FloatArray,
  beta: FloatArray,
  weight: FloatArray,
  units: number,
  inputs: number,
  outWeightGrads: FloatArray,
  outGammaGrads: FloatArray,
  outBetaGrads: FloatArray,
): void {
  // The sums run down the units, so they accumulate in float64 and round once at the end.
  const sumGamma = new Float64Array(inputs);
  const sumBeta = new Float64Array(inputs);
  for (let u = 0; u < units; u++) {
    const db = biasGrads[u] as number;
    const row = u * inputs;
    for (let c = 0; c < inputs; c++) {
      const m = product[row + c] as number;
      const w = weight[row + c] as number;
      outWeightGrads[row + c] = m * (gamma[c] as number) + db * (beta[c] as number);
      sumGamma[c] = (sumGamma[c] as number) + w * m;
      sumBeta[c] = (sumBeta[c] as number) + db * w;
    }
  }
  outGammaGrads.set(sumGamma);
  outBetaGrads.set(sumBeta);
}

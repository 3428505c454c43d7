import { allocate, matmul, sum, type FloatArray, type FloatTensor } from '@puregrad/tensor';
import type { DenseParams } from './dense.js';

function wrap(like: FloatTensor, data: FloatArray, shape: readonly number[]): FloatTensor {
  return { dtype: like.dtype, shape: Object.freeze([...shape]), data } as FloatTensor;
}

/**
 * Computes the grads of a batch-normalized dense layer's params without the linear map's input
 * gradient `dĀ = dZ W` `[batch, inputs]`, for a backward that skips the layer's input gradient.
 * The linear map's input is `Ā = X̂ diag(γ) + 1 βᵀ`, so with `M = dZᵀ X̂` `[units, inputs]` and
 * `db = Σ_rows dZ`:
 *
 *   dW = dZᵀ Ā = M diag(γ) + db βᵀ,   dγ = Σ_rows dĀ ⊙ X̂ = Σ_units W ⊙ M,   dβ = Σ_rows dĀ = dbᵀ W.
 *
 * One `[units, batch] × [batch, inputs]` product thus replaces the two of dW and dĀ; the rest
 * costs O(units · inputs).
 */
export function denseParamGrads(
  dz: FloatTensor,
  xHat: FloatTensor,
  params: DenseParams,
): DenseParams {
  const { gamma, beta, weight } = params;
  const [units, inputs] = weight.shape as [number, number];
  const m = matmul(dz, xHat, { transposeA: true });
  const bias = sum(dz, 0);

  // gamma's and beta's sums run down the units, so they accumulate in float64 arrays, as the
  // full backward's sums do in float64 numbers, and are rounded to the dtype once at the end.
  const dWeight = allocate(dz.dtype, units * inputs);
  const sumGamma = new Float64Array(inputs);
  const sumBeta = new Float64Array(inputs);
  const w = weight.data;
  const md = m.data;
  for (let u = 0; u < units; u++) {
    const db = bias.data[u] as number;
    const row = u * inputs;
    for (let c = 0; c < inputs; c++) {
      const mu = md[row + c] as number;
      dWeight[row + c] = mu * (gamma.data[c] as number) + db * (beta.data[c] as number);
      sumGamma[c] = (sumGamma[c] as number) + (w[row + c] as number) * mu;
      sumBeta[c] = (sumBeta[c] as number) + db * (w[row + c] as number);
    }
  }
  const dGamma = allocate(dz.dtype, inputs);
  const dBeta = allocate(dz.dtype, inputs);
  dGamma.set(sumGamma);
  dBeta.set(sumBeta);
  return {
    gamma: wrap(dz, dGamma, [inputs]),
    beta: wrap(dz, dBeta, [inputs]),
    weight: wrap(dz, dWeight, weight.shape),
    bias,
  };
}

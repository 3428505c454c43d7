import { allocate, getKernels, matmul, type FloatArray, type FloatTensor } from '@puregrad/tensor';
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
 * One `[units, batch] × [batch, inputs]` product thus replaces the two of dW and dĀ, and the
 * kernel `normalizedDenseGrads` does the rest in O(units · inputs).
 */
export function denseParamGrads(
  dz: FloatTensor,
  xHat: FloatTensor,
  params: DenseParams,
): DenseParams {
  const { gamma, beta, weight } = params;
  const [batch, units] = dz.shape as [number, number];
  const inputs = weight.shape[1] as number;
  const kernels = getKernels();
  const product = matmul(dz, xHat, { transposeA: true });
  const bias = allocate(dz.dtype, units);
  kernels.sumRows(dz.data, batch, units, bias);

  const dWeight = allocate(dz.dtype, units * inputs);
  const dGamma = allocate(dz.dtype, inputs);
  const dBeta = allocate(dz.dtype, inputs);
  kernels.normalizedDenseGrads(
    product.data,
    bias,
    gamma.data,
    beta.data,
    weight.data,
    units,
    inputs,
    dWeight,
    dGamma,
    dBeta,
  );
  return {
    gamma: wrap(dz, dGamma, [inputs]),
    beta: wrap(dz, dBeta, [inputs]),
    weight: wrap(dz, dWeight, weight.shape),
    bias: wrap(dz, bias, [units]),
  };
}

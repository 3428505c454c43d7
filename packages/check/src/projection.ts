import { uniform, type Float64Tensor, type FloatTensor, type Key } from '@puregrad/tensor';

/**
 * Draws the fixed random weights `r [...shape]`, uniform in [-1, 1), that turn a layer's output
 * into the scalar `Σ y ⊙ r` whose gradient a check compares. Random weights give every output
 * element a part in the scalar, so a wrong gradient cannot hide where a plain sum would cancel.
 */
export function randomProjection(key: Key, shape: readonly number[]): Float64Tensor {
  return uniform(key, shape, { dtype: 'float64', low: -1, high: 1 });
}

/** Returns `Σ y ⊙ r` over every element, summed in float64. */
export function project(y: FloatTensor, r: Float64Tensor): number {
  let total = 0;
  for (let i = 0; i < r.data.length; i++) total += (y.data[i] as number) * (r.data[i] as number);
  return total;
}

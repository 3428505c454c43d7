import type { Layer, Loss } from '@puregrad/nn';
import {
  allocate,
  matmul,
  sum,
  unsafeFromData,
  zeros,
  type FloatTensor,
  type Tree,
} from '@puregrad/tensor';

/** The params of the toy affine layer: weight `[units, inputs]` and bias `[units]`. */
export type AffineParams = { readonly weight: FloatTensor; readonly bias: FloatTensor };

/** How the toy layers may get their backward pass wrong on purpose. */
export type Mistake = 'none' | 'doubleInputGrad' | 'dropBiasGrad';

/**
 * Builds `y = x Wᵀ + b` without @puregrad/nn, so the check's own tests do not depend on it. The
 * mistake, when given, corrupts one gradient so the tests can see the check catch it.
 */
export function toyAffine(mistake: Mistake = 'none'): Layer<AffineParams, Tree> {
  return {
    config: { kind: 'toyAffine' },
    init: () => {
      throw new Error('toyAffine: init is not used by these tests.');
    },
    apply: (params, state, x) => {
      const y = addRows(matmul(x, params.weight, { transposeB: true }), params.bias);
      const backward = (dy: FloatTensor) => {
        const dx = matmul(dy, params.weight);
        return {
          dx: mistake === 'doubleInputGrad' ? scale(dx, 2) : dx,
          grads: {
            weight: matmul(dy, x, { transposeA: true }),
            bias: mistake === 'dropBiasGrad' ? zeros(params.bias.shape, 'float64') : sum(dy, 0),
          },
        };
      };
      return { y, state, backward };
    },
  };
}

/** Builds an element-wise relu layer; its derivative at exactly 0 is taken as 0. */
export function toyRelu(): Layer<Tree, Tree> {
  return {
    config: { kind: 'toyRelu' },
    init: () => {
      throw new Error('toyRelu: init is not used by these tests.');
    },
    apply: (params, state, x) => ({
      y: mapTensor(x, (v) => Math.max(0, v)),
      state,
      backward: (dy) => ({
        dx: mapTensor(dy, (g, i) => ((x.data[i] as number) > 0 ? g : 0)),
        grads: params,
      }),
    }),
  };
}

/** Builds the squared error summed over features and averaged over rows; optionally wrong by 1/m. */
export function toySquaredError(extraBatchDivision = false): Loss {
  const gradient = (predictions: FloatTensor, targets: FloatTensor): FloatTensor => {
    const m = predictions.shape[0] as number;
    const scaleBy = extraBatchDivision ? 2 / (m * m) : 2 / m;
    return mapTensor(predictions, (p, i) => scaleBy * (p - (targets.data[i] as number)));
  };
  const compute = (predictions: FloatTensor, targets: FloatTensor): number => {
    let total = 0;
    predictions.data.forEach((p, i) => (total += (p - (targets.data[i] as number)) ** 2));
    return total / (predictions.shape[0] as number);
  };
  return {
    name: 'toySquaredError',
    compute: (predictions, targets) => compute(predictions, targets as FloatTensor),
    derivative: (predictions, targets) => gradient(predictions, targets as FloatTensor),
    valueAndGradient: (predictions, targets) => ({
      value: compute(predictions, targets as FloatTensor),
      grad: gradient(predictions, targets as FloatTensor),
    }),
  };
}

function addRows(x: FloatTensor, row: FloatTensor): FloatTensor {
  const width = row.data.length;
  return mapTensor(x, (v, i) => v + (row.data[i % width] as number));
}

function scale(x: FloatTensor, factor: number): FloatTensor {
  return mapTensor(x, (v) => v * factor);
}

function mapTensor(x: FloatTensor, f: (value: number, index: number) => number): FloatTensor {
  const out = allocate(x.dtype, x.data.length);
  for (let i = 0; i < out.length; i++) out[i] = f(x.data[i] as number, i);
  return unsafeFromData(out, x.shape) as FloatTensor;
}

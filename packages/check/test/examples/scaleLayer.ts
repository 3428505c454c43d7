import { assertGradients, checkGradients } from '@puregrad/check';
import type { Layer } from '@puregrad/nn';
import { key, mul, sum, uniform, type FloatTensor } from '@puregrad/tensor';

type ScaleParams = { readonly scale: FloatTensor };

// y = x ⊙ scale with one scale per feature: x [batch, features], scale [features].
export const scaleLayer: Layer<ScaleParams, Record<string, never>> = {
  config: { kind: 'scale' },
  init: (initKey, inputShape, options) => {
    const dtype = options?.dtype ?? 'float32';
    const scale = uniform(initKey, inputShape, { dtype, low: 0.5, high: 1.5 }) as FloatTensor;
    return { params: { scale }, state: {}, outputShape: inputShape };
  },
  apply: (params, state, x) => ({
    y: mul(x, params.scale),
    state,
    backward: (dy) => ({
      dx: mul(dy, params.scale),
      grads: { scale: sum(mul(dy, x), 0) },
    }),
  }),
};

const { params, state } = scaleLayer.init(key(0), [3], { dtype: 'float64' });
const input = uniform(key(1), [4, 3], { dtype: 'float64', low: -2, high: 2 });

// The report form: inspect ok, worst, failures and excused yourself.
export const report = checkGradients({ layer: scaleLayer, params, state, input, mode: 'train' });

// The assertion form: throws a GradientCheckError naming the worst entry.
assertGradients({ layer: scaleLayer, params, state, input, mode: 'infer' });

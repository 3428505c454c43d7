import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { batchArbitrary, checkGradients, stackArbitrary } from '@puregrad/check';
import {
  batchNorm,
  dense,
  meanSquaredError,
  softmaxCrossEntropy,
  type Layer,
  type LayerConfig,
  type Loss,
} from '@puregrad/nn';
import {
  allocate,
  div,
  key,
  matmul,
  mean,
  unsafeFromData,
  type FloatTensor,
  type Tree,
} from '@puregrad/tensor';
import { probabilityRowsArbitrary } from './lossArbitraries.js';

// These layers copy a real layer's forward pass and break one step of its backward pass, each
// the way a hand-derived gradient commonly goes wrong. The check must fail every one of them.
const RUNS = 20;

type Params = { readonly [name: string]: FloatTensor };

/** Dense whose input gradient multiplies dZ by dW where it needs W: `dX = dZ dW`. */
function denseWithGradInPlaceOfWeight(config: LayerConfig): Layer<Params, Tree> {
  const real = dense({ units: config['units'] as number, activation: 'sigmoid', batchNorm: false });
  return {
    ...real,
    apply: (params, state, x, ctx) => {
      const applied = real.apply(params as never, state as never, x, ctx);
      const { activation, z } = applied.preActivations![0]!;
      return {
        ...applied,
        backward: (dy) => {
          const { grads } = applied.backward(dy);
          const dz = activation.vjp(z, dy);
          return { dx: matmul(dz, grads.weight), grads };
        },
      };
    },
  } as Layer<Params, Tree>;
}

/**
 * Batch norm whose input gradient treats the mean and variance as constants, `dx = dy ⊙ γ /
 * √(σ² + ε)`, with the batch variance in 'train' mode and the running one in 'infer' mode. Only
 * the 'infer' gradient is right, because there the variance does not depend on x.
 */
function batchNormWithConstantStatistics(epsilon: number): Layer<Params, Tree> {
  const real = batchNorm({ epsilon });
  return {
    ...real,
    apply: (params, state, x, ctx) => {
      const applied = real.apply(params as never, state as never, x, ctx);
      return {
        ...applied,
        backward: (dy) => {
          const { grads } = applied.backward(dy);
          const variance =
            ctx.mode === 'train' ? batchVariance(x) : (state as Params)['runningVariance']!.data;
          const scale = columnScale(variance, params['gamma'] as FloatTensor, epsilon);
          return { dx: scaleColumns(dy, scale), grads };
        },
      };
    },
  } as Layer<Params, Tree>;
}

/** Returns the biased variance of each column of x `[batch, cols]`. */
function batchVariance(x: FloatTensor): Float64Array {
  const [rows, cols] = x.shape as [number, number];
  const means = mean(x, 0).data;
  const variance = new Float64Array(cols);
  for (let i = 0; i < rows * cols; i++) {
    const c = i % cols;
    variance[c] =
      (variance[c] as number) + ((x.data[i] as number) - (means[c] as number)) ** 2 / rows;
  }
  return variance;
}

/** Returns `γ / √(σ² + ε)` per column. */
function columnScale(
  variance: ArrayLike<number>,
  gamma: FloatTensor,
  epsilon: number,
): Float64Array {
  return Float64Array.from(gamma.data, (g, c) => g / Math.sqrt((variance[c] as number) + epsilon));
}

function scaleColumns(dy: FloatTensor, scale: Float64Array): FloatTensor {
  const out = allocate(dy.dtype, dy.data.length);
  for (let i = 0; i < out.length; i++)
    out[i] = (dy.data[i] as number) * (scale[i % scale.length] as number);
  return unsafeFromData(out, dy.shape) as FloatTensor;
}

/** Dense whose param grads are averaged over the batch, although dy already carries the 1/m. */
function denseAveragingGrads(config: LayerConfig): Layer<Params, Tree> {
  const real = dense({ units: config['units'] as number, activation: 'tanh', batchNorm: false });
  return {
    ...real,
    apply: (params, state, x, ctx) => {
      const applied = real.apply(params as never, state as never, x, ctx);
      const m = x.shape[0] as number;
      return {
        ...applied,
        backward: (dy) => {
          const { dx, grads } = applied.backward(dy);
          return { dx, grads: { weight: div(grads.weight, m), bias: div(grads.bias, m) } };
        },
      };
    },
  } as Layer<Params, Tree>;
}

/** Wraps a loss so that its gradient divides by m once more than its value does. */
function lossDividingTwice(loss: Loss): Loss {
  const divide = (grad: FloatTensor) => div(grad, grad.shape[0] as number);
  return {
    name: `${loss.name} with 1/m twice`,
    compute: loss.compute,
    derivative: (predictions, targets) => divide(loss.derivative(predictions, targets)),
    valueAndGradient: (predictions, targets) => {
      const { value, grad } = loss.valueAndGradient(predictions, targets);
      return { value, grad: divide(grad) };
    },
  };
}

/** Single dense layers without batch norm and their inputs, on at least two rows. */
const plainDense = stackArbitrary({
  kinds: ['dense'],
  batchNorm: false,
  maxLayers: 1,
  minBatch: 2,
  activations: ['sigmoid'],
});

describe('planted bugs', () => {
  it('flags dW in place of W in dense', () => {
    fc.assert(
      fc.property(plainDense, (stack) => {
        const layer = denseWithGradInPlaceOfWeight(stack.configs[0]!);
        const report = checkGradients({
          ...stack,
          layer,
          params: stack.params[0] as Params,
          state: {},
        });

        expect(report.ok).toBe(false);
        expect(report.worst?.path).toBe('input');
      }),
      { numRuns: RUNS },
    );
  });

  it('flags constant batch statistics in train mode', () => {
    const cases = fc.record({
      x: batchArbitrary({ featureShape: [3], minBatch: 3, max: 3, min: -3 }),
      epsilon: fc.constantFrom(1e-5, 1e-3),
    });
    fc.assert(
      fc.property(cases, ({ x, epsilon }) => {
        fc.pre(x.data.some((value) => Math.abs(value) > 0.5));
        const layer = batchNormWithConstantStatistics(epsilon);
        const { params, state } = layer.init(key(0), [3], { dtype: 'float64' });
        const report = checkGradients({ layer, params, state, input: x, mode: 'train' });

        expect(report.ok).toBe(false);
        expect(report.worst?.path).toBe('input');
      }),
      { numRuns: RUNS },
    );
  });

  it('passes the same batch norm in infer mode', () => {
    // The constant-statistics formula is exact in 'infer' mode, so the check must not flag it.
    const layer = batchNormWithConstantStatistics(1e-5);
    const { params, state } = layer.init(key(0), [3], { dtype: 'float64' });
    fc.assert(
      fc.property(batchArbitrary({ featureShape: [3], min: -3, max: 3 }), (x) => {
        expect(checkGradients({ layer, params, state, input: x, mode: 'infer' }).ok).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it('flags param grads averaged twice', () => {
    const cases = stackArbitrary({ kinds: ['dense'], batchNorm: false, maxLayers: 1, minBatch: 2 });
    fc.assert(
      fc.property(cases, (stack) => {
        const layer = denseAveragingGrads(stack.configs[0]!);
        const report = checkGradients({
          ...stack,
          layer,
          params: stack.params[0] as Params,
          state: {},
        });

        expect(report.ok).toBe(false);
        expect(report.worst?.path).toMatch(/^params\.(weight|bias)$/);
      }),
      { numRuns: RUNS },
    );
  });

  it('flags mse dividing by m twice', () => {
    const cases = batchArbitrary({ featureShape: [3], minBatch: 2, min: -3, max: 3 });
    fc.assert(
      fc.property(cases, (predictions) => {
        fc.pre(predictions.data.some((value) => Math.abs(value) > 0.5));
        // Targets away from the predictions keep the gradient, and so the mistake, large.
        const targets = div(predictions, -2);
        const loss = lossDividingTwice(meanSquaredError);

        expect(checkGradients({ loss, predictions, targets }).ok).toBe(false);
      }),
      { numRuns: RUNS },
    );
  });

  it('flags cross-entropy dividing by m twice', () => {
    const cases = batchArbitrary({ featureShape: [4], minBatch: 2, min: -3, max: 3 }).chain(
      (predictions) =>
        probabilityRowsArbitrary(predictions.shape[0] as number, 4).map((targets) => ({
          predictions,
          targets,
        })),
    );
    fc.assert(
      fc.property(cases, ({ predictions, targets }) => {
        const loss = lossDividingTwice(softmaxCrossEntropy);

        expect(checkGradients({ loss, predictions, targets }).ok).toBe(false);
      }),
      { numRuns: RUNS },
    );
  });
});

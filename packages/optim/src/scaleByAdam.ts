import {
  allocate,
  getKernels,
  InvalidArgumentError,
  unsafeFromData,
  type FloatArray,
  type Tensor,
  type Tree,
} from '@puregrad/tensor';
import { countTensor, readCount, type CountState } from './count.js';
import { checkStateFields } from './checkState.js';
import { checkAgainstParams, mapLeaves, zerosLike } from './leafwise.js';
import { resolveLearningRate, type LearningRate } from './schedule.js';
import type { GradientTransformation } from './transformation.js';
import { checkNonNegative, checkPositive, checkUnitInterval } from './validate.js';

/** The state of {@link scaleByAdam}: the step count and the two moment estimates. */
export type AdamState = CountState & {
  /** The first moment m, shaped like the params. */
  readonly mu: Tree;
  /** The second moment v, shaped like the params. */
  readonly nu: Tree;
};

/** Options of {@link scaleByAdam}; every field has PyTorch's default. */
export interface AdamOptions {
  /** A number or a schedule of the 0-based step count; 1e-3 unless given. */
  readonly learningRate?: LearningRate;
  /** The decay of the first moment, in [0, 1); 0.9 unless given. */
  readonly beta1?: number;
  /** The decay of the second moment, in [0, 1); 0.999 unless given. */
  readonly beta2?: number;
  /** Added to √v̂ (after the square root) to keep the step finite; 1e-8 unless given. */
  readonly epsilon?: number;
  /** The decoupled weight decay λ of AdamW, ≥ 0; 0 (plain Adam) unless given. */
  readonly weightDecay?: number;
}

/** Validates Adam's hyperparameters and fills in the defaults. */
export function resolveAdamOptions(fn: string, options: AdamOptions) {
  const { learningRate = 1e-3, beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8 } = options;
  const { weightDecay = 0 } = options;
  const rate = resolveLearningRate(fn, learningRate);
  checkUnitInterval(fn, 'beta1', beta1, 'Pass a decay such as 0.9');
  checkUnitInterval(fn, 'beta2', beta2, 'Pass a decay such as 0.999');
  checkPositive(fn, 'epsilon', epsilon, 'Pass a small positive number such as 1e-8');
  checkNonNegative(fn, 'weightDecay', weightDecay, 'Pass a decay such as 0.01, or 0 for none');
  return { rate, beta1, beta2, epsilon, weightDecay };
}

/**
 * Computes one Adam step with the learning rate folded in, so that the kernel `adamUpdate` does the whole
 * step in one pass per leaf: with t = count + 1, `m ← β₁m + (1−β₁)g`, `v ← β₂v + (1−β₂)g²`,
 * `m̂ = m / (1 − β₁ᵗ)`, `v̂ = v / (1 − β₂ᵗ)` and `u = −lr(count) · m̂ / (√v̂ + ε)`. With a weight
 * decay λ > 0 it adds AdamW's decoupled term `−lr(count) · λ · p`, which needs the params.
 */
export function scaleByAdam(
  options: AdamOptions = {},
  fn = 'scaleByAdam',
): GradientTransformation<AdamState> {
  const { rate, beta1, beta2, epsilon, weightDecay } = resolveAdamOptions(fn, options);
  return {
    config: { kind: 'scaleByAdam', learningRate: rate.config, beta1, beta2, epsilon, weightDecay },
    init: (params) => ({ count: countTensor(0), mu: zerosLike(params), nu: zerosLike(params) }),
    update(grads, optState, params) {
      if (weightDecay > 0 && params === undefined) {
        throw new InvalidArgumentError(
          `${fn}: params must be given when weightDecay > 0 (got undefined). Call update(grads, optState, params).`,
        );
      }
      checkStateFields(fn, optState, ['count', 'mu', 'nu']);
      checkAgainstParams(fn, grads, params);
      const count = readCount(optState.count);
      const learningRate = rate.at(count);
      const correction1 = 1 - beta1 ** (count + 1);
      const correction2 = 1 - beta2 ** (count + 1);
      const decay = learningRate * weightDecay;
      const kernels = getKernels();

      const trees = [grads, optState.mu, optState.nu];
      if (decay > 0) trees.push(params as Tree);
      const [updates, mu, nu] = mapLeaves(fn, trees, 3, ([grad, m, v, param]) => {
        const g = grad as Tensor;
        const outM = allocate(g.dtype, g.data.length) as FloatArray;
        const outV = allocate(g.dtype, g.data.length) as FloatArray;
        const outUpdate = allocate(g.dtype, g.data.length) as FloatArray;
        kernels.adamUpdate(
          g.data as FloatArray,
          (m as Tensor).data as FloatArray,
          (v as Tensor).data as FloatArray,
          learningRate,
          beta1,
          beta2,
          epsilon,
          correction1,
          correction2,
          outM,
          outV,
          outUpdate,
        );
        if (param !== undefined) subtractScaled(outUpdate, param.data as FloatArray, decay);
        return [
          unsafeFromData(outUpdate, g.shape),
          unsafeFromData(outM, g.shape),
          unsafeFromData(outV, g.shape),
        ];
      });
      return {
        updates: updates as Tree,
        optState: { count: countTensor(count + 1), mu: mu as Tree, nu: nu as Tree },
      };
    },
  };
}

function subtractScaled(out: FloatArray, values: FloatArray, factor: number): void {
  for (let i = 0; i < out.length; i++) out[i] = (out[i] as number) - factor * (values[i] as number);
}

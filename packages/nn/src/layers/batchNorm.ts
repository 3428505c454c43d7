import { full, type FloatTensor } from '@puregrad/tensor';
import type { Layer } from '../layer.js';
import {
  checkEpsilon,
  checkInput,
  checkMomentum,
  checkOutputGrad,
  checkParamVector,
  emptyInputGrad,
  checkMode,
  initDType,
  inputFeatures,
} from './checks.js';
import {
  normalize,
  type BatchNormParams,
  type BatchNormState,
  type Normalized,
} from './normalize.js';

export type { BatchNormParams, BatchNormState } from './normalize.js';

/** Options of {@link batchNorm}. */
export interface BatchNormOptions {
  /**
   * The weight of the old running statistics, in [0, 1); 0.9 unless given. PyTorch's momentum
   * weighs the new batch instead, so its 0.1 is 0.9 here.
   */
  readonly momentum?: number;
  /** Added to the variance before the square root, greater than 0; 1e-5 unless given. */
  readonly epsilon?: number;
}

/** Batch-norm hyperparameters after validation. */
export interface BatchNormSettings {
  readonly momentum: number;
  readonly epsilon: number;
}

/** Validates batch-norm options and fills in the defaults momentum 0.9 and epsilon 1e-5. */
export function batchNormSettings(fn: string, options: BatchNormOptions = {}): BatchNormSettings {
  return {
    momentum: checkMomentum(fn, options.momentum ?? 0.9),
    epsilon: checkEpsilon(fn, options.epsilon ?? 1e-5),
  };
}

/** Returns gamma ones, beta zeros, running mean zeros and running variance ones, all `[features]`. */
export function initBatchNorm(
  features: number,
  dtype: 'float32' | 'float64',
): { params: BatchNormParams; state: BatchNormState } {
  const filled = (value: number): FloatTensor => full([features], value, dtype) as FloatTensor;
  return {
    params: { gamma: filled(1), beta: filled(0) },
    state: { runningMean: filled(0), runningVariance: filled(1) },
  };
}

/** Checks x, params and state of one batch-norm call against gamma's feature count and dtype. */
export function checkBatchNormInputs(
  fn: string,
  params: BatchNormParams,
  state: BatchNormState,
  x: FloatTensor,
): void {
  const { gamma } = params;
  const features = gamma.shape[0] as number;
  checkParamVector(fn, 'gamma', gamma, features, gamma.dtype);
  checkParamVector(fn, 'beta', params.beta, features, gamma.dtype);
  checkParamVector(fn, 'runningMean', state.runningMean, features, gamma.dtype);
  checkParamVector(fn, 'runningVariance', state.runningVariance, features, gamma.dtype);
  checkInput(fn, x, features, gamma.dtype, { name: 'gamma', shape: gamma.shape });
}

/**
 * Builds a batch-normalization layer for x `[batch, features]`: `y = γ ⊙ (x − μ) / √(σ² + ε) + β`. In 'train'
 * mode μ and σ² are the batch mean and biased variance (at least 2 rows), and the returned state
 * is `running ← momentum · running + (1 − momentum) · batch`, fed with the unbiased batch variance.
 * In 'infer' mode μ and σ² are the running statistics and the state is returned unchanged. Params
 * `{ gamma, beta }`, state `{ runningMean, runningVariance }`, all `[features]`.
 *
 * @example
 * const layer = batchNorm({ momentum: 0.9 });
 * const { params, state } = layer.init(key(0), [4]);
 * const next = layer.apply(params, state, x, { mode: 'train' }).state;
 */
export function batchNorm(options: BatchNormOptions = {}): Layer<BatchNormParams, BatchNormState> {
  const { momentum, epsilon } = batchNormSettings('batchNorm', options);

  return {
    config: { kind: 'batchNorm', momentum, epsilon },
    init(_key, inputShape, initOptions) {
      const features = inputFeatures('batchNorm', inputShape);
      const initialized = initBatchNorm(features, initDType('batchNorm', initOptions));
      return { ...initialized, outputShape: [features] };
    },
    apply(params, state, x, ctx) {
      checkBatchNormInputs('batchNorm', params, state, x);
      const mode = checkMode('batchNorm', ctx);
      const result: Normalized = normalize('batchNorm', params, state, x, mode, momentum, epsilon);
      return {
        y: result.y,
        state: result.state,
        backward: (dy, backwardOptions) => {
          checkOutputGrad('batchNorm backward', dy, result.y);
          const grads = result.backward(dy, backwardOptions?.inputGrad ?? true);
          return {
            dx: grads.dx ?? emptyInputGrad(x.dtype),
            grads: { gamma: grads.gamma, beta: grads.beta },
          };
        },
      };
    },
  };
}

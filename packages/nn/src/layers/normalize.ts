import {
  allocate,
  getKernels,
  ShapeError,
  type FloatArray,
  type FloatTensor,
} from '@puregrad/tensor';
import type { Mode } from '../layer.js';

/** The params of batch normalization: gamma (scale) and beta (shift), both `[features]`. */
export type BatchNormParams = {
  readonly gamma: FloatTensor;
  readonly beta: FloatTensor;
};

/** The state of batch normalization: the running statistics, both `[features]`. */
export type BatchNormState = {
  readonly runningMean: FloatTensor;
  readonly runningVariance: FloatTensor;
};

/** The gradients of one normalization: dx (unless skipped), dgamma and dbeta. */
export interface NormalizeGrads {
  readonly dx: FloatTensor | undefined;
  readonly gamma: FloatTensor;
  readonly beta: FloatTensor;
}

/** The output of one normalization, its next state and its backward. */
export interface Normalized {
  readonly y: FloatTensor;
  /** The normalized input x̂ `[batch, features]`, before the scale and shift. */
  readonly xHat: FloatTensor;
  readonly state: BatchNormState;
  readonly backward: (dy: FloatTensor, inputGrad: boolean) => NormalizeGrads;
}

function wrap(like: FloatTensor, data: FloatArray, shape: readonly number[]): FloatTensor {
  return { dtype: like.dtype, shape: Object.freeze([...shape]), data } as FloatTensor;
}

/** Returns `momentum · running + (1 − momentum) · batch`, element by element. */
function blend(running: FloatTensor, batch: FloatArray, momentum: number): FloatTensor {
  const out = allocate(running.dtype, batch.length);
  for (let c = 0; c < out.length; c++) {
    out[c] = momentum * (running.data[c] as number) + (1 - momentum) * (batch[c] as number);
  }
  return wrap(running, out, running.shape);
}

/** Returns `Σ_rows dy ⊙ xHat` and `Σ_rows dy` `[cols]`, the grads of gamma and beta. */
function scaleShiftGrads(
  dy: FloatTensor,
  xHat: FloatArray,
  rows: number,
  cols: number,
): { gamma: FloatTensor; beta: FloatTensor } {
  const dGamma = allocate(dy.dtype, cols);
  const dBeta = allocate(dy.dtype, cols);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const g = dy.data[r * cols + c] as number;
      dGamma[c] = (dGamma[c] as number) + g * (xHat[r * cols + c] as number);
      dBeta[c] = (dBeta[c] as number) + g;
    }
  }
  return { gamma: wrap(dy, dGamma, [cols]), beta: wrap(dy, dBeta, [cols]) };
}

/** The arrays the train-mode kernel writes: batch statistics `[cols]`, xHat and y `[rows, cols]`. */
interface TrainForward {
  readonly mean: FloatArray;
  readonly unbiasedVariance: FloatArray;
  readonly invStd: FloatArray;
  readonly xHat: FloatArray;
  readonly y: FloatArray;
}

function trainForward(params: BatchNormParams, x: FloatTensor, epsilon: number): TrainForward {
  const [rows, cols] = x.shape as [number, number];
  const stats = {
    mean: allocate(x.dtype, cols),
    variance: allocate(x.dtype, cols),
    unbiasedVariance: allocate(x.dtype, cols),
    invStd: allocate(x.dtype, cols),
    xHat: allocate(x.dtype, rows * cols),
    y: allocate(x.dtype, rows * cols),
  };
  getKernels().batchNormTrainForward(
    x.data,
    params.gamma.data,
    params.beta.data,
    rows,
    cols,
    epsilon,
    stats.mean,
    stats.variance,
    stats.unbiasedVariance,
    stats.invStd,
    stats.xHat,
    stats.y,
  );
  return stats;
}

/**
 * Normalizes x `[batch, features]` with the batch statistics (biased variance), scales and
 * shifts it, and returns running statistics fed with the batch mean and the unbiased batch
 * variance. The backward is the exact gradient through the batch mean and variance:
 * `dx = (dx̂ − mean(dx̂) − x̂ ⊙ mean(dx̂ ⊙ x̂)) / √(σ² + ε)` with `dx̂ = dy ⊙ γ`.
 */
function normalizeTrain(
  fn: string,
  params: BatchNormParams,
  state: BatchNormState,
  x: FloatTensor,
  momentum: number,
  epsilon: number,
): Normalized {
  const [rows, cols] = x.shape as [number, number];
  if (rows < 2) {
    throw new ShapeError(
      `${fn}: x must have at least 2 rows in 'train' mode (got ${rows}), because the variance of ` +
        "one sample is 0 and its unbiased estimate undefined. Use a batch of at least 2 or 'infer' mode.",
    );
  }
  const { gamma } = params;
  const kernels = getKernels();
  const { mean, unbiasedVariance, invStd, xHat, y } = trainForward(params, x, epsilon);

  const next: BatchNormState = {
    runningMean: blend(state.runningMean, mean, momentum),
    runningVariance: blend(state.runningVariance, unbiasedVariance, momentum),
  };

  // The closure keeps xHat and invStd, fresh arrays that no other code holds, and the kernels of
  // this call, so every later call returns the same gradients.
  const backward = (dy: FloatTensor, inputGrad: boolean): NormalizeGrads => {
    // Without outDx the kernel writes only gamma's and beta's grads.
    const dx = inputGrad ? allocate(x.dtype, rows * cols) : undefined;
    const dGamma = allocate(x.dtype, cols);
    const dBeta = allocate(x.dtype, cols);
    kernels.batchNormTrainBackward(
      dy.data,
      xHat,
      gamma.data,
      invStd,
      rows,
      cols,
      dx,
      dGamma,
      dBeta,
    );
    return {
      dx: dx === undefined ? undefined : wrap(x, dx, x.shape),
      gamma: wrap(x, dGamma, [cols]),
      beta: wrap(x, dBeta, [cols]),
    };
  };
  return { y: wrap(x, y, x.shape), xHat: wrap(x, xHat, x.shape), state: next, backward };
}

/**
 * Normalizes x `[batch, features]` with the running statistics, which are constants here, so the
 * backward is `dx = dy ⊙ γ / √(runningVariance + ε)`. The state is returned unchanged (the same
 * object).
 */
function normalizeInfer(
  params: BatchNormParams,
  state: BatchNormState,
  x: FloatTensor,
  epsilon: number,
): Normalized {
  const [rows, cols] = x.shape as [number, number];
  const { gamma, beta } = params;
  const invStd = allocate(x.dtype, cols);
  for (let c = 0; c < cols; c++) {
    invStd[c] = 1 / Math.sqrt((state.runningVariance.data[c] as number) + epsilon);
  }

  const xHat = allocate(x.dtype, rows * cols);
  const y = allocate(x.dtype, rows * cols);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const i = r * cols + c;
      const centered = (x.data[i] as number) - (state.runningMean.data[c] as number);
      xHat[i] = centered * (invStd[c] as number);
      y[i] = (xHat[i] as number) * (gamma.data[c] as number) + (beta.data[c] as number);
    }
  }

  const backward = (dy: FloatTensor, inputGrad: boolean): NormalizeGrads => {
    const grads = scaleShiftGrads(dy, xHat, rows, cols);
    if (!inputGrad) return { dx: undefined, ...grads };
    const dx = allocate(x.dtype, rows * cols);
    for (let i = 0; i < dx.length; i++) {
      const c = i % cols;
      dx[i] = (dy.data[i] as number) * (gamma.data[c] as number) * (invStd[c] as number);
    }
    return { dx: wrap(x, dx, x.shape), ...grads };
  };
  return { y: wrap(x, y, x.shape), xHat: wrap(x, xHat, x.shape), state, backward };
}

/**
 * Batch-normalizes x `[batch, features]` in the given mode: `y = x̂ ⊙ γ + β` with
 * `x̂ = (x − μ) / √(σ² + ε)`, where μ and σ² are the batch mean and biased variance in 'train' mode
 * and the running statistics in 'infer' mode. The caller has checked every shape and dtype.
 */
export function normalize(
  fn: string,
  params: BatchNormParams,
  state: BatchNormState,
  x: FloatTensor,
  mode: Mode,
  momentum: number,
  epsilon: number,
): Normalized {
  return mode === 'train'
    ? normalizeTrain(fn, params, state, x, momentum, epsilon)
    : normalizeInfer(params, state, x, epsilon);
}

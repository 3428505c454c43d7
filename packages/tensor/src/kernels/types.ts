import type { FloatArray } from '../dtype.js';

/**
 * The primitives that do the heavy numeric work. Ops and layers call them through
 * {@link getKernels}, so a faster implementation (WebAssembly SIMD) replaces them without touching
 * the ops. Every kernel reads its inputs and writes only into the `out*` arrays it is given, which
 * never alias an input. All arrays of one call share a dtype (float32 or float64); shapes are
 * row-major and given as sizes, and callers have checked them.
 */
export interface Kernels {
  /** The implementation's name, as `PUREGRAD_KERNELS` and `setKernels` take it. */
  readonly name: 'typescript' | 'wasm';

  /**
   * Writes `out[m, n] = op(a) · op(b)`, where op(a) is a `[m, k]` (stored `[k, m]` when
   * `transposeA`) and op(b) is b `[k, n]` (stored `[n, k]` when `transposeB`), without building
   * a transpose.
   */
  matmul(
    a: FloatArray,
    b: FloatArray,
    out: FloatArray,
    m: number,
    k: number,
    n: number,
    transposeA: boolean,
    transposeB: boolean,
  ): void;

  /**
   * Batch normalization over the rows of x `[rows, cols]` with the batch statistics: writes the
   * batch mean and the biased and unbiased batch variances `[cols]`, `invStd = 1 / √(var + ε)`
   * `[cols]`, the normalized `xHat` and `y = xHat ⊙ gamma + beta` `[rows, cols]`. The variance is
   * computed in two passes around a shift (the first row), accumulated in float64.
   */
  batchNormTrainForward(
    x: FloatArray,
    gamma: FloatArray,
    beta: FloatArray,
    rows: number,
    cols: number,
    epsilon: number,
    outMean: FloatArray,
    outVariance: FloatArray,
    outUnbiasedVariance: FloatArray,
    outInvStd: FloatArray,
    outXHat: FloatArray,
    outY: FloatArray,
  ): void;

  /**
   * The exact batch-norm gradient in training mode: writes `dGamma = Σ_rows dy ⊙ xHat`,
   * `dBeta = Σ_rows dy` `[cols]` and `dx = (dxHat − mean(dxHat) − xHat ⊙ mean(dxHat ⊙ xHat)) ⊙ invStd`
   * `[rows, cols]` with `dxHat = dy ⊙ gamma` and means over the rows.
   */
  batchNormTrainBackward(
    dy: FloatArray,
    xHat: FloatArray,
    gamma: FloatArray,
    invStd: FloatArray,
    rows: number,
    cols: number,
    outDx: FloatArray,
    outDGamma: FloatArray,
    outDBeta: FloatArray,
  ): void;

  /**
   * One Adam step on flat arrays: `m ← β₁m + (1−β₁)g`, `v ← β₂v + (1−β₂)g²`, and
   * `update = −lr · m̂ / (√v̂ + ε)` with `m̂ = m / correction1`, `v̂ = v / correction2`, where the
   * caller passes the bias corrections `1 − βᵗ`. Writes the new moments and the update.
   */
  adamUpdate(
    grads: FloatArray,
    m: FloatArray,
    v: FloatArray,
    learningRate: number,
    beta1: number,
    beta2: number,
    epsilon: number,
    correction1: number,
    correction2: number,
    outM: FloatArray,
    outV: FloatArray,
    outUpdate: FloatArray,
  ): void;
}

import type { FloatArray } from '../dtype.js';

/** The element-wise activations that kernels implement: max(z, 0), 1 / (1 + e⁻ᶻ) and z. */
export type ActivationKind = 'relu' | 'sigmoid' | 'identity';

/** Element-wise binary operations on operands of one length: a + b, a − b, a ⊙ b, a / b. */
export type BinaryOp = 'add' | 'sub' | 'mul' | 'div';

/** Element-wise unary operations: −x, eˣ, ln x, √x. */
export type UnaryOp = 'neg' | 'exp' | 'log' | 'sqrt';

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
   * `[rows, cols]` with `dxHat = dy ⊙ gamma` and means over the rows. With `outDx` undefined it
   * skips dx, which the first layer of a network does not need.
   */
  batchNormTrainBackward(
    dy: FloatArray,
    xHat: FloatArray,
    gamma: FloatArray,
    invStd: FloatArray,
    rows: number,
    cols: number,
    outDx: FloatArray | undefined,
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

  /** Writes `out[i] = a[i] op b[i]` for operands of one length. */
  binary(op: BinaryOp, a: FloatArray, b: FloatArray, out: FloatArray): void;

  /** Writes `out[r, c] = x[r, c] + row[c]` for x `[rows, cols]` and row `[cols]`: a bias add. */
  addRowVector(x: FloatArray, row: FloatArray, rows: number, cols: number, out: FloatArray): void;

  /** Writes `out[i] = op(x[i])`. */
  unary(op: UnaryOp, x: FloatArray, out: FloatArray): void;

  /** Writes `out = σ(z)` element-wise. */
  activation(kind: ActivationKind, z: FloatArray, out: FloatArray): void;

  /**
   * Writes `outDz = dy ⊙ σ'(z)`, or `σ'(z)` alone when `dy` is undefined. ReLU's derivative is
   * 0 at z = 0 (as in PyTorch) and for NaN, and the sigmoid's is computed as σ(z)·σ(−z), which
   * keeps its digits where 1 − σ(z) would cancel.
   */
  activationBackward(
    kind: ActivationKind,
    z: FloatArray,
    dy: FloatArray | undefined,
    outDz: FloatArray,
  ): void;

  /** Returns `Σ x[i]`, accumulated in float64; 0 for an empty array. */
  sum(x: FloatArray): number;

  /** Returns the largest element, NaN if any is NaN, −∞ for an empty array. */
  max(x: FloatArray): number;

  /** Writes `out[c] = Σ_r x[r, c]` for x `[rows, cols]`: the bias gradient of a dense layer. */
  sumRows(x: FloatArray, rows: number, cols: number, out: FloatArray): void;

  /**
   * Softmax cross-entropy of logits z `[rows, cols]` against targets y whose rows sum to 1:
   * returns the mean loss `(1/rows) Σ_r Σ_c y[r, c] (logsumexp(z[r]) − z[r, c])` and, unless
   * `outGrad` is undefined, writes its gradient `(softmax(z) − y) / rows`. Each row's max logit
   * is subtracted before exp, so no exponent overflows.
   */
  softmaxCrossEntropy(
    logits: FloatArray,
    targets: FloatArray,
    rows: number,
    cols: number,
    outGrad: FloatArray | undefined,
  ): number;

  /**
   * The param grads of a dense layer that batch-normalizes its input, without the input
   * gradient `dĀ = dZ W`. The layer's linear input is `Ā = X̂ diag(γ) + 1 βᵀ`, so from the
   * product `M = dZᵀ X̂` `[units, inputs]` and the bias grads `db = Σ_rows dZ` `[units]` it
   * writes `dW = M diag(γ) + db βᵀ` `[units, inputs]`, `dγ = Σ_units W ⊙ M` and `dβ = dbᵀ W`
   * `[inputs]`, with the sums accumulated in float64. This replaces the product dĀ of
   * `[batch, units] × [units, inputs]` with O(units · inputs) work.
   */
  normalizedDenseGrads(
    product: FloatArray,
    biasGrads: FloatArray,
    gamma: FloatArray,
    beta: FloatArray,
    weight: FloatArray,
    units: number,
    inputs: number,
    outWeightGrads: FloatArray,
    outGammaGrads: FloatArray,
    outBetaGrads: FloatArray,
  ): void;
}

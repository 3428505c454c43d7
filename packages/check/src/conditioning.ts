import { layerFromConfig, type Context, type Layer, type LayerConfig } from '@puregrad/nn';
import type { FloatTensor, Tree } from '@puregrad/tensor';
import { kinkedInputs } from './preActivations.js';

/** Limits on the inputs of batch normalization in 'train' mode. */
export interface ConditioningOptions {
  /** The smallest batch standard deviation each feature may have; 0.1 unless given. */
  readonly minBatchStd?: number;
  /** The largest magnitude any element may have; 10 unless given. */
  readonly maxAbs?: number;
}

/**
 * Tells whether x `[batch, features]` has every `|x| ≤ maxAbs` and, for each feature, a biased
 * batch standard deviation of at least `minBatchStd`.
 */
export function isWellConditioned(x: FloatTensor, options: ConditioningOptions = {}): boolean {
  const { minBatchStd = 0.1, maxAbs = 10 } = options;
  const [rows, cols] = [x.shape[0] as number, x.data.length / (x.shape[0] as number)];
  if (x.data.some((value) => !(Math.abs(value) <= maxAbs))) return false;

  for (let c = 0; c < cols; c++) {
    let total = 0;
    for (let r = 0; r < rows; r++) total += x.data[r * cols + c] as number;
    const mean = total / rows;
    let squares = 0;
    for (let r = 0; r < rows; r++) squares += ((x.data[r * cols + c] as number) - mean) ** 2;
    if (Math.sqrt(squares / rows) < minBatchStd) return false;
  }
  return true;
}

/** Tells whether a built-in layer config batch-normalizes its input. */
export function normalizesInput(config: LayerConfig): boolean {
  if (config.kind === 'batchNorm') return true;
  return config.kind === 'dense' && config['batchNorm'] !== null && config['batchNorm'] !== false;
}

/**
 * Tells whether every input that a layer batch-normalizes is well conditioned for finite
 * differences: the stack's own input and each hidden one, found by a forward pass. Batch
 * normalization divides by the batch standard deviation σ, so its derivatives grow like 1/σ and
 * higher ones like 1/σ³; at σ < 0.1 the O(h²) error of a central difference can pass 1e-6. The
 * check applies in 'train' mode only, because 'infer' divides by the running variance.
 * Sequential layers are searched child by child; layers of other kinds count as conditioned.
 */
export function batchNormInputsConditioned(
  layer: Layer,
  params: Tree,
  state: Tree,
  x: FloatTensor,
  ctx: Context,
  options: ConditioningOptions = {},
): boolean {
  if (ctx.mode !== 'train') return true;
  const { config } = layer;
  if (normalizesInput(config)) return isWellConditioned(x, options);
  if (config.kind !== 'sequential') return true;

  const children = (config['layers'] as readonly LayerConfig[]).map(layerFromConfig);
  let input = x;
  for (let i = 0; i < children.length; i++) {
    const child = children[i] as Layer;
    const childParams = (params as readonly Tree[])[i] as Tree;
    const childState = (state as readonly Tree[])[i] as Tree;
    if (!batchNormInputsConditioned(child, childParams, childState, input, ctx, options)) {
      return false;
    }
    input = child.apply(childParams, childState, input, ctx).y;
  }
  return true;
}

/**
 * Tells whether every relu and leakyRelu input that the layer reports has `|z| ≥ margin`, so no
 * step of a central difference small next to `margin` can cross a kink.
 */
export function awayFromKinks(
  layer: Layer,
  params: Tree,
  state: Tree,
  x: FloatTensor,
  ctx: Context,
  margin: number,
): boolean {
  const reported = layer.apply(params, state, x, ctx).preActivations ?? [];
  return kinkedInputs(reported).every((z) => z.data.every((value) => Math.abs(value) >= margin));
}

import fc from 'fast-check';
import {
  layerFromConfig,
  type Context,
  type Layer,
  type LayerConfig,
  type Mode,
} from '@puregrad/nn';
import {
  foldIn,
  InvalidArgumentError,
  key,
  uniform,
  type Float64Tensor,
  type Key,
  type Tree,
} from '@puregrad/tensor';
import {
  awayFromKinks,
  batchNormInputsConditioned,
  type ConditioningOptions,
} from './conditioning.js';
import { layerConfigArbitrary, type LayerConfigArbitraryOptions } from './layerArbitrary.js';
import { batchArbitrary } from './tensorArbitrary.js';
import { replaceLeaf, treeLeavesWithPaths } from './treePaths.js';

/** A generated stack at one point, ready for `checkGradients`. */
export interface StackCase {
  /** The children's configs, in order. */
  readonly configs: readonly LayerConfig[];
  /** The sequential of the children, as `layerFromConfig` builds it. */
  readonly layer: Layer<readonly Tree[], readonly Tree[]>;
  readonly params: readonly Tree[];
  readonly state: readonly Tree[];
  /** The input `[batch, features]`. */
  readonly input: Float64Tensor;
  readonly mode: Mode;
}

/** Options of {@link stackArbitrary}. */
export interface StackArbitraryOptions extends LayerConfigArbitraryOptions, ConditioningOptions {
  /** The minimum number of layers; 1 unless given. */
  readonly minLayers?: number;
  /** The maximum number of layers; 4 unless given. */
  readonly maxLayers?: number;
  /** The minimum number of input features; 1 unless given. */
  readonly minFeatures?: number;
  /** The maximum number of input features; 4 unless given. */
  readonly maxFeatures?: number;
  /** The minimum number of rows; 4 unless given, so hidden features rarely lose their spread. */
  readonly minBatch?: number;
  /** The maximum number of rows; 6 unless given. */
  readonly maxBatch?: number;
  /** The largest input magnitude; 3 unless given. */
  readonly inputScale?: number;
  /** The modes to draw from; both unless given. */
  readonly modes?: readonly Mode[];
  /**
   * The smallest `|z|` a relu or leakyRelu input may have; 1e-3 unless given, and 0 keeps cases
   * at kinks. At 1e-3, a step of h = 1e-6 would need `|∂z/∂x|` near 1000 to reach the kink.
   */
  readonly kinkMargin?: number;
}

/**
 * Generates stacks of `minLayers` to `maxLayers` layers in float64 with random params, running
 * statistics and input, and filters out cases where finite differences mislead. In 'train' mode
 * each batch-normalized input must have every feature's batch standard deviation at least
 * `minBatchStd` (0.1) and every `|x| ≤ maxAbs` (10), and every relu or leakyRelu input must be
 * at least `kinkMargin` away from 0. Gamma is drawn in [0.5, 1.5], and beta, bias and the running
 * mean in [-0.5, 0.5], so no param sits at its constant initial value. The running variance is
 * drawn in [0.5, 2].
 *
 * NOTE: fast-check's filter draws again until a case passes, so options under which few cases
 * pass (deep relu stacks on two rows, say) make generation slow rather than failing.
 */
export function stackArbitrary(options: StackArbitraryOptions = {}): fc.Arbitrary<StackCase> {
  const { minLayers = 1, maxLayers = 4, minFeatures = 1, maxFeatures = 4 } = options;
  const { minBatch = 4, maxBatch = 6, inputScale = 3, modes = ['train', 'infer'] } = options;
  if (!(Number.isInteger(minLayers) && minLayers >= 1 && maxLayers >= minLayers)) {
    throw new InvalidArgumentError(
      `stackArbitrary: minLayers and maxLayers must be integers with 1 ≤ min ≤ max ` +
        `(got ${minLayers} and ${maxLayers}).`,
    );
  }

  const drafts = fc.record({
    configs: fc.array(layerConfigArbitrary(options), {
      minLength: minLayers,
      maxLength: maxLayers,
    }),
    features: fc.integer({ min: minFeatures, max: maxFeatures }),
    seed: fc.nat(),
    mode: fc.constantFrom(...modes),
  });
  return drafts
    .chain((draft) => {
      const inputs = batchArbitrary({
        featureShape: [draft.features],
        minBatch,
        maxBatch,
        min: -inputScale,
        max: inputScale,
      });
      // Without bias, inputs rarely land on 0 and other special values that sit on relu kinks
      // and would be filtered out.
      return fc
        .noBias(inputs)
        .map((input) => buildCase(draft.configs, key(draft.seed), input, draft.mode));
    })
    .filter((stack) => isCheckable(stack, options));
}

function buildCase(
  configs: readonly LayerConfig[],
  seed: Key,
  input: Float64Tensor,
  mode: Mode,
): StackCase {
  const layer = layerFromConfig({ kind: 'sequential', layers: configs }) as StackCase['layer'];
  const initialized = layer.init(seed, [input.shape[1] as number], { dtype: 'float64' });
  return {
    configs,
    layer,
    params: randomizeLeaves(initialized.params, foldIn(seed, 1)) as readonly Tree[],
    state: randomizeLeaves(initialized.state, foldIn(seed, 2)) as readonly Tree[],
    input,
    mode,
  };
}

/** The ranges that replace the constant initial values of these leaves, by leaf name. */
const leafRanges: Readonly<Record<string, readonly [number, number]>> = {
  gamma: [0.5, 1.5],
  beta: [-0.5, 0.5],
  bias: [-0.5, 0.5],
  runningMean: [-0.5, 0.5],
  runningVariance: [0.5, 2],
};

function randomizeLeaves(tree: Tree, seed: Key): Tree {
  let result = tree;
  treeLeavesWithPaths(tree).forEach((leaf, i) => {
    const range = leafRanges[String(leaf.segments.at(-1))];
    if (range === undefined) return;
    const [low, high] = range;
    const values = uniform(foldIn(seed, i), leaf.tensor.shape, { dtype: 'float64', low, high });
    result = replaceLeaf(result, leaf.segments, values);
  });
  return result;
}

function isCheckable(stack: StackCase, options: StackArbitraryOptions): boolean {
  const ctx: Context = { mode: stack.mode };
  const { params, state, input, layer } = stack;
  const margin = options.kinkMargin ?? 1e-3;
  if (!batchNormInputsConditioned(layer as Layer, params, state, input, ctx, options)) return false;
  return margin <= 0 || awayFromKinks(layer as Layer, params, state, input, ctx, margin);
}

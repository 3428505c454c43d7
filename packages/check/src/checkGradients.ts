import type { Context, Layer, Loss, Mode, Targets } from '@puregrad/nn';
import {
  cast,
  InvalidArgumentError,
  key as makeKey,
  type FloatTensor,
  type Key,
  type Tensor,
  type Tree,
} from '@puregrad/tensor';
import {
  compareGradients,
  mergeReports,
  type Comparison,
  type Variables,
} from './compareGradients.js';
import type { GradientReport } from './gradientReport.js';
import { preActivationProbe, type PreActivationProbe } from './preActivations.js';
import { project, randomProjection } from './projection.js';
import { mapLeaves } from './treePaths.js';

/** The step and tolerance of a check; both default to 1e-6. */
export interface GradientCheckOptions {
  /** The relative step: element x moves by `h = step · max(1, |x|)` each way. */
  readonly step?: number;
  /** An element passes when `|analytic − numeric| ≤ tolerance · max(1, |analytic|, |numeric|)`. */
  readonly tolerance?: number;
}

/** A layer at one point: params, state and an input `[batch, ...inputShape]`. */
export interface LayerGradientCheck<
  P extends Tree = Tree,
  S extends Tree = Tree,
> extends GradientCheckOptions {
  readonly layer: Layer<P, S>;
  readonly params: P;
  readonly state: S;
  readonly input: FloatTensor;
  readonly mode: Mode;
  /** Draws the projection weights r of `Σ y ⊙ r`; `key(0)` unless given. */
  readonly key?: Key;
  /** Passed to `apply` as `ctx.key`, the same at every evaluation, for layers that draw noise. */
  readonly contextKey?: Key;
  /** The relu and leakyRelu inputs, for layers that do not report `Applied.preActivations`. */
  readonly preActivations?: PreActivationProbe<P, S>;
}

/** A layer followed by a loss: the differentiated scalar is the loss of the layer's output. */
export interface StackGradientCheck<
  P extends Tree = Tree,
  S extends Tree = Tree,
> extends LayerGradientCheck<P, S> {
  readonly loss: Loss;
  readonly targets: Targets;
}

/** A loss at one point: predictions (or logits) `[batch, outputs]` and targets. */
export interface LossGradientCheck extends GradientCheckOptions {
  readonly loss: Loss;
  readonly predictions: FloatTensor;
  readonly targets: Targets;
}

/** The input of `checkGradients`: a layer, a layer with a loss, or a loss alone. */
export type GradientCheck<P extends Tree = Tree, S extends Tree = Tree> =
  LayerGradientCheck<P, S> | StackGradientCheck<P, S> | LossGradientCheck;

/**
 * Compares the analytic gradients for the input and every parameter with central finite
 * differences in float64, and returns a report of the worst entry, the failures and the entries
 * excused by relu or leakyRelu kinks.
 *
 * For a layer the differentiated scalar is `Σ y ⊙ r` with fixed random `r` drawn from `key`, so
 * every output element matters. For a loss, and for a layer with a loss, it is the loss value.
 * Params, state and input are cast to float64 first, so the layer must accept float64 params.
 *
 * @example
 * const report = checkGradients({ layer, params, state, input, mode: 'train' });
 * if (!report.ok) throw new Error(formatGradientReport(report));
 */
export function checkGradients<P extends Tree, S extends Tree>(
  check: GradientCheck<P, S>,
): GradientReport {
  const comparison = validateOptions(check);
  if ('layer' in check) return checkLayer(check, comparison);
  return checkLoss(check, comparison);
}

function validateOptions(options: GradientCheckOptions): Comparison {
  const step = options.step ?? 1e-6;
  const tolerance = options.tolerance ?? 1e-6;
  if (!(Number.isFinite(step) && step > 0)) {
    throw new InvalidArgumentError(
      `checkGradients: step must be a positive finite number (got ${step}). Use about 1e-6.`,
    );
  }
  if (!(Number.isFinite(tolerance) && tolerance > 0)) {
    throw new InvalidArgumentError(
      `checkGradients: tolerance must be a positive finite number (got ${tolerance}). ` +
        'Use about 1e-6.',
    );
  }
  return { step, tolerance };
}

function toFloat64<T extends Tree>(tree: T): T {
  return mapLeaves(tree, (leaf) => (leaf.dtype === 'int32' ? leaf : cast(leaf, 'float64'))) as T;
}

function targetsInFloat64(targets: Targets): Targets {
  return targets.dtype === 'int32' ? targets : cast(targets, 'float64');
}

function checkLayer<P extends Tree, S extends Tree>(
  check: LayerGradientCheck<P, S> | StackGradientCheck<P, S>,
  comparison: Comparison,
): GradientReport {
  const { layer } = check;
  const params = toFloat64(check.params);
  const state = toFloat64(check.state);
  const input = cast(check.input, 'float64');
  const ctx: Context =
    check.contextKey === undefined
      ? { mode: check.mode }
      : { mode: check.mode, key: check.contextKey };

  const applied = layer.apply(params, state, input, ctx);
  const objective = layerObjective(check, applied.y);
  const { dx, grads } = applied.backward(objective.seed(applied.y));

  // Only params and input vary; state stays at its given value in every evaluation.
  const forward = (variables: Variables): FloatTensor =>
    layer.apply(variables['params'] as P, state, variables['input'] as FloatTensor, ctx).y;
  const probe = check.preActivations ?? preActivationProbe(layer, params, state, input, ctx);
  const preActivations =
    probe &&
    ((variables: Variables) =>
      probe(variables['params'] as P, state, variables['input'] as FloatTensor, ctx));

  return compareGradients(
    {
      variables: { input, params },
      gradients: { input: dx, params: grads },
      evaluate: (variables) => objective.value(forward(variables)),
      ...(preActivations === undefined ? {} : { preActivations }),
    },
    comparison,
  );
}

/** The scalar a layer check differentiates, and the `dy` that seeds its backward pass. */
interface LayerObjective {
  readonly value: (y: FloatTensor) => number;
  readonly seed: (y: FloatTensor) => FloatTensor;
}

function layerObjective<P extends Tree, S extends Tree>(
  check: LayerGradientCheck<P, S> | StackGradientCheck<P, S>,
  y: FloatTensor,
): LayerObjective {
  if ('loss' in check) {
    const { loss } = check;
    const targets = targetsInFloat64(check.targets);
    return {
      value: (output) => loss.compute(output, targets),
      seed: (output) => loss.valueAndGradient(output, targets).grad,
    };
  }
  const r = randomProjection(check.key ?? makeKey(0), y.shape);
  return { value: (output) => project(output, r), seed: () => r };
}

/**
 * Checks `valueAndGradient(...).grad` (reported under `predictions`) and `derivative(...)`
 * (under `derivative`) against central differences of `compute`.
 */
function checkLoss(check: LossGradientCheck, comparison: Comparison): GradientReport {
  const { loss } = check;
  const predictions = cast(check.predictions, 'float64');
  const targets = targetsInFloat64(check.targets);
  const evaluate =
    (root: string) =>
    (variables: Variables): number =>
      loss.compute(variables[root] as FloatTensor, targets);

  const fromValueAndGradient = compareGradients(
    {
      variables: { predictions },
      gradients: { predictions: loss.valueAndGradient(predictions, targets).grad as Tensor },
      evaluate: evaluate('predictions'),
    },
    comparison,
  );
  const fromDerivative = compareGradients(
    {
      variables: { derivative: predictions },
      gradients: { derivative: loss.derivative(predictions, targets) },
      evaluate: evaluate('derivative'),
    },
    comparison,
  );
  return mergeReports([fromValueAndGradient, fromDerivative], comparison);
}

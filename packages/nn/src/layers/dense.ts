import type { FloatTensor } from '@puregrad/tensor';
import type { Activation } from '../activations/activation.js';
import {
  activationToConfig,
  resolveActivation,
  type ActivationSpec,
} from '../activations/resolveActivation.js';
import type { Applied, BackwardOptions, Gradients, Layer, LayerConfig, Mode } from '../layer.js';
import { denseParamGrads } from './denseParamGrads.js';
import {
  batchNormSettings,
  checkBatchNormInputs,
  initBatchNorm,
  type BatchNormOptions,
  type BatchNormSettings,
} from './batchNorm.js';
import {
  checkInput,
  checkMode,
  checkOutputGrad,
  checkParamVector,
  checkUnits,
  emptyInputGrad,
  initDType,
  inputFeatures,
  type EmptyState,
} from './checks.js';
import {
  affine,
  checkWeightInit,
  initLinearParams,
  type LinearParams,
  type WeightInit,
} from './linear.js';
import { normalize, type BatchNormParams, type BatchNormState } from './normalize.js';

/** Options of {@link dense}. */
export interface DenseOptions {
  /** The number of outputs, a positive integer. */
  readonly units: number;
  /** The activation after the linear map; relu unless given. */
  readonly activation?: ActivationSpec;
  /**
   * Batch-normalize the input first: true (the default) with momentum 0.9 and epsilon 1e-5, an
   * object to set those, or false to switch it off.
   */
  readonly batchNorm?: boolean | BatchNormOptions;
  /** The weight initialization; heNormal for relu and leakyRelu, glorotUniform otherwise. */
  readonly init?: WeightInit;
}

/** The params of a dense layer with batch normalization, all named as in checkpoints. */
export type DenseParams = BatchNormParams & LinearParams;

function settingsOf(options: DenseOptions): BatchNormSettings | undefined {
  const choice = options.batchNorm ?? true;
  if (choice === false) return undefined;
  return batchNormSettings('dense', choice === true ? {} : choice);
}

/** Checks the linear params of a dense layer against x: weight `[units, inputs]`, bias `[units]`. */
function checkLinearInputs(params: LinearParams, x: FloatTensor): void {
  const { weight } = params;
  checkInput('dense', x, weight.shape[1] as number, weight.dtype, {
    name: 'weight',
    shape: weight.shape,
  });
  checkParamVector('dense', 'bias', params.bias, weight.shape[0] as number, weight.dtype);
}

/** Applies dense without batch normalization: linear → activation. */
function applyPlain(
  fn: Activation,
  params: LinearParams,
  state: EmptyState,
  x: FloatTensor,
): Applied<LinearParams, EmptyState> {
  checkLinearInputs(params, x);
  const { z, backward: affineBackward } = affine(x, params.weight, params.bias);
  const y = fn.apply(z);

  const backward = (dy: FloatTensor, options?: BackwardOptions): Gradients<LinearParams> => {
    checkOutputGrad('dense backward', dy, y);
    const grads = affineBackward(fn.vjp(z, dy), options?.inputGrad ?? true);
    return {
      dx: grads.dx ?? emptyInputGrad(x.dtype),
      grads: { weight: grads.weight, bias: grads.bias },
    };
  };
  return { y, state, preActivations: [{ activation: fn, z }], backward };
}

/**
 * Applies dense with batch normalization: batch norm → linear → activation. A backward that
 * skips the input gradient gets the param grads from {@link denseParamGrads}, which avoids the
 * `[batch, inputs]` product `dZ W` that only the input gradient needs.
 */
function applyNormalized(
  fn: Activation,
  settings: BatchNormSettings,
  params: DenseParams,
  state: BatchNormState,
  x: FloatTensor,
  mode: Mode,
): Applied<DenseParams, BatchNormState> {
  checkBatchNormInputs('dense', params, state, x);
  checkLinearInputs(params, x);
  const { momentum, epsilon } = settings;
  const normalized = normalize('dense', params, state, x, mode, momentum, epsilon);
  const { z, backward: affineBackward } = affine(normalized.y, params.weight, params.bias);
  const y = fn.apply(z);

  const backward = (dy: FloatTensor, options?: BackwardOptions): Gradients<DenseParams> => {
    checkOutputGrad('dense backward', dy, y);
    const dz = fn.vjp(z, dy);
    if (options?.inputGrad === false) {
      return { dx: emptyInputGrad(x.dtype), grads: denseParamGrads(dz, normalized.xHat, params) };
    }
    const linearGrads = affineBackward(dz, true);
    const normGrads = normalized.backward(linearGrads.dx as FloatTensor, true);
    const grads = {
      gamma: normGrads.gamma,
      beta: normGrads.beta,
      weight: linearGrads.weight,
      bias: linearGrads.bias,
    };
    return { dx: normGrads.dx as FloatTensor, grads };
  };
  return { y, state: normalized.state, preActivations: [{ activation: fn, z }], backward };
}

/**
 * Builds a fully connected layer as in the spec: batch normalization of the input, then
 * `Z = X̄ Wᵀ + b`, then the activation, for x `[batch, inputs]` and y `[batch, units]`. Params
 * `{ gamma, beta, weight, bias }` (gamma and beta `[inputs]`, weight `[units, inputs]`, bias
 * `[units]`), state `{ runningMean, runningVariance }` `[inputs]`; with `batchNorm: false`,
 * params `{ weight, bias }` and state `{}`. Weights are He-normal for relu and leakyRelu and
 * Glorot-uniform otherwise; biases start at zero.
 *
 * @example
 * const layer = dense({ units: 10, activation: 'sigmoid', batchNorm: { momentum: 0.8 } });
 * const { params, state } = layer.init(key(0), [784]);
 */
export function dense(
  options: DenseOptions & { readonly batchNorm: false },
): Layer<LinearParams, EmptyState>;
export function dense(
  options: DenseOptions & { readonly batchNorm?: true | BatchNormOptions },
): Layer<DenseParams, BatchNormState>;
export function dense(
  options: DenseOptions,
): Layer<DenseParams, BatchNormState> | Layer<LinearParams, EmptyState>;
export function dense(
  options: DenseOptions,
): Layer<DenseParams, BatchNormState> | Layer<LinearParams, EmptyState> {
  const units = checkUnits('dense', options.units);
  const fn = resolveActivation('dense', options.activation ?? 'relu');
  const settings = settingsOf(options);
  const init = checkWeightInit(
    'dense',
    options.init ?? (fn.name === 'relu' || fn.name === 'leakyRelu' ? 'heNormal' : 'glorotUniform'),
  );
  const config = {
    kind: 'dense',
    units,
    activation: activationToConfig(fn),
    batchNorm: settings === undefined ? null : { ...settings },
    init,
  };
  const spec = { units, fn, init, config };
  return settings === undefined ? plainDense(spec) : normalizedDense(spec, settings);
}

/** The validated settings that both kinds of dense layer are built from. */
interface DenseSpec {
  readonly units: number;
  readonly fn: Activation;
  readonly init: WeightInit;
  readonly config: LayerConfig;
}

function plainDense({ units, fn, init, config }: DenseSpec): Layer<LinearParams, EmptyState> {
  return {
    config,
    init(key, inputShape, initOptions) {
      const inputs = inputFeatures('dense', inputShape);
      const params = initLinearParams(key, inputs, units, init, initDType('dense', initOptions));
      return { params, state: {}, outputShape: [units] };
    },
    apply: (params, state, x, ctx) => {
      checkMode('dense', ctx);
      return applyPlain(fn, params, state, x);
    },
  };
}

function normalizedDense(
  { units, fn, init, config }: DenseSpec,
  settings: BatchNormSettings,
): Layer<DenseParams, BatchNormState> {
  return {
    config,
    init(key, inputShape, initOptions) {
      const inputs = inputFeatures('dense', inputShape);
      const dtype = initDType('dense', initOptions);
      const { params, state } = initBatchNorm(inputs, dtype);
      const linearParams = initLinearParams(key, inputs, units, init, dtype);
      return { params: { ...params, ...linearParams }, state, outputShape: [units] };
    },
    apply: (params, state, x, ctx) =>
      applyNormalized(fn, settings, params, state, x, checkMode('dense', ctx)),
  };
}

import { sequential, type Applied, type Layer, type Loss, type Targets } from '@puregrad/nn';
import { applyUpdates, type GradientTransformation, type OptimizerConfig } from '@puregrad/optim';
import {
  InvalidArgumentError,
  type FloatDType,
  type FloatTensor,
  type Key,
  type Tree,
} from '@puregrad/tensor';
import { NonFiniteLossError } from './nonFiniteLossError.js';
import { summarize, type LayerSummary } from './summary.js';

/** Options of {@link network}. */
export interface NetworkOptions {
  /** The shape of one sample, without the batch axis, e.g. `[784]`. */
  readonly inputShape: readonly number[];
  /** The layers, applied in order. */
  readonly layers: readonly Layer[];
  readonly loss: Loss;
  readonly optimizer: GradientTransformation;
}

/** The values a network trains: params and state per layer, and the optimizer state. */
export interface NetworkValues {
  readonly params: readonly Tree[];
  readonly state: readonly Tree[];
  readonly optState: Tree;
}

/** A batch of samples: inputs `[batch, ...inputShape]` and targets, rows aligned. */
export interface Batch {
  readonly inputs: FloatTensor;
  readonly targets: Targets;
}

/** The result of {@link Network.backward}: the loss, the grads per layer and the input gradient. */
export interface BackwardResult {
  readonly loss: number;
  readonly grads: readonly Tree[];
  /** `[batch, ...inputShape]`, or an empty `[0]` tensor when `inputGrad` was false. */
  readonly dx: FloatTensor;
}

/** One training step's result: the next values, the batch's loss and the training-mode output. */
export interface TrainStep extends NetworkValues {
  readonly loss: number;
  /** The output of the training-mode forward pass, before the step `[batch, outputs]`. */
  readonly y: FloatTensor;
}

/** A JSON description of a network, for checkpoints and reports. */
export interface NetworkConfig {
  readonly inputShape: readonly number[];
  readonly layers: readonly Layer['config'][];
  readonly loss: string;
  readonly optimizer: OptimizerConfig;
}

/** The network of the spec as an immutable value: every method returns new values. */
export interface Network {
  readonly config: NetworkConfig;
  readonly inputShape: readonly number[];
  readonly layers: readonly Layer[];
  readonly loss: Loss;
  readonly optimizer: GradientTransformation;
  /** Draws the params from `key` and builds the state and optimizer state; float32 unless given. */
  init(key: Key, options?: { readonly dtype?: FloatDType }): NetworkValues;
  /** Applies the layers in 'train' mode (batch statistics, updated running statistics). */
  forward(
    params: readonly Tree[],
    state: readonly Tree[],
    x: FloatTensor,
    key?: Key,
  ): Applied<readonly Tree[], readonly Tree[]>;
  /** Computes the loss of a forward pass and backpropagates it through every layer. */
  backward(
    forwardResult: Applied<readonly Tree[], readonly Tree[]>,
    targets: Targets,
    options?: { readonly inputGrad?: boolean },
  ): BackwardResult;
  /** Applies the layers in 'infer' mode: running statistics, state unchanged. */
  infer(params: readonly Tree[], state: readonly Tree[], x: FloatTensor): FloatTensor;
  /** Takes one training step on a batch: forward, loss, backward, optimizer update. */
  train(
    params: readonly Tree[],
    state: readonly Tree[],
    optState: Tree,
    batch: Batch,
    key?: Key,
  ): TrainStep;
  /** Lists the layers with their input and output shapes and parameter counts. */
  summary(): readonly LayerSummary[];
}

/**
 * Builds a network from its layers, loss and optimizer (the spec's NeuralNetwork). `train` is
 * forward in 'train' mode, `loss.valueAndGradient`, backward without the first layer's input
 * gradient, `optimizer.update` and `applyUpdates`. Nothing mutates.
 *
 * @example
 * const net = network({
 *   inputShape: [784],
 *   layers: [dense({ units: 128 }), dense({ units: 10, activation: 'identity' })],
 *   loss: softmaxCrossEntropy,
 *   optimizer: adam(),
 * });
 * const { params, state, optState } = net.init(key(0));
 */
export function network(options: NetworkOptions): Network {
  const { inputShape, layers, loss, optimizer } = options;
  if (!Array.isArray(inputShape) || inputShape.some((dim) => !Number.isInteger(dim) || dim < 1)) {
    throw new InvalidArgumentError(
      `network: inputShape must be an array of positive integers (got ${JSON.stringify(inputShape)}). Pass one sample's shape, e.g. [784].`,
    );
  }
  const model = sequential(...layers);
  const config: NetworkConfig = {
    inputShape: [...inputShape],
    layers: layers.map((layer) => layer.config),
    loss: loss.name,
    optimizer: optimizer.config,
  };

  const forward: Network['forward'] = (params, state, x, key) =>
    model.apply(params, state, x, key === undefined ? { mode: 'train' } : { mode: 'train', key });

  const backward: Network['backward'] = (forwardResult, targets, backwardOptions) => {
    const { value, grad } = loss.valueAndGradient(forwardResult.y, targets);
    const inputGrad = backwardOptions?.inputGrad ?? true;
    const { dx, grads } = forwardResult.backward(grad, { inputGrad });
    return { loss: value, grads, dx };
  };

  let summaryCache: readonly LayerSummary[] | undefined;
  return Object.freeze({
    config,
    inputShape: config.inputShape,
    layers,
    loss,
    optimizer,
    init(key, initOptions) {
      const { params, state } = model.init(key, inputShape, initOptions);
      return { params, state, optState: optimizer.init(params) };
    },
    forward,
    backward,
    infer: (params, state, x) => model.apply(params, state, x, { mode: 'infer' }).y,
    train(params, state, optState, batch, key) {
      const applied = forward(params, state, batch.inputs, key);
      checkFinite(applied.y);
      const result = backward(applied, batch.targets, { inputGrad: false });
      if (!Number.isFinite(result.loss)) throw nonFinite(result.loss);

      const { updates, optState: nextOptState } = optimizer.update(result.grads, optState, params);
      const nextParams = applyUpdates(params, updates);
      return {
        params: nextParams,
        state: applied.state,
        optState: nextOptState,
        loss: result.loss,
        y: applied.y,
      };
    },
    summary() {
      summaryCache ??= summarize(layers, inputShape);
      return summaryCache;
    },
  } satisfies Network);
}

// Cross-entropy rejects NaN logits with its own message, so the output is checked first to report
// a diverged run as a non-finite loss. The check reads batch × outputs numbers, a small cost.
function checkFinite(y: FloatTensor): void {
  for (let i = 0; i < y.data.length; i++) {
    const value = y.data[i] as number;
    if (!Number.isFinite(value)) throw nonFinite(value);
  }
}

function nonFinite(value: number): NonFiniteLossError {
  return new NonFiniteLossError(
    `train: the loss and the network output must be finite (got ${value}). Lower the learning rate, clip the gradients or check the data for NaN or infinite values.`,
    value,
  );
}

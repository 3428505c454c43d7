import { dense, softmaxCrossEntropy } from '@puregrad/nn';
import { adam, adamw, sgd, type GradientTransformation } from '@puregrad/optim';
import { network, type Network } from '@puregrad/train';
import type { InitChoice } from './trainOptions.js';
import type { OptimizerSettings } from './trainSettings.js';

/** The settings that decide a network's architecture and optimizer. */
export interface ArchitectureSettings {
  readonly hiddenLayers: readonly number[];
  readonly activation: 'relu' | 'sigmoid' | 'identity';
  readonly batchNorm: boolean;
  /** The weight initialization; undefined or 'auto' leaves each layer's default. */
  readonly init?: InitChoice;
  readonly optimizer: OptimizerSettings;
}

/**
 * Builds the classifier that `train` fits: one dense layer per hidden size with the chosen
 * activation, then a dense layer with one identity unit per class (the logits), each layer
 * batch-normalizing its input when `batchNorm` is on, under softmax cross-entropy.
 */
export function buildNetwork(
  settings: ArchitectureSettings,
  features: number,
  classes: number,
): Network {
  const init =
    settings.init === undefined || settings.init === 'auto' ? {} : { init: settings.init };
  const hidden = settings.hiddenLayers.map((units) =>
    dense({ units, activation: settings.activation, batchNorm: settings.batchNorm, ...init }),
  );
  const output = dense({
    units: classes,
    activation: 'identity',
    batchNorm: settings.batchNorm,
    ...init,
  });
  return network({
    inputShape: [features],
    layers: [...hidden, output],
    loss: softmaxCrossEntropy,
    optimizer: buildOptimizer(settings.optimizer),
  });
}

function buildOptimizer(settings: OptimizerSettings): GradientTransformation {
  switch (settings.kind) {
    case 'sgd':
      return sgd({
        learningRate: settings.learningRate,
        momentum: settings.momentum,
        nesterov: settings.nesterov,
      });
    case 'adam':
      return adam({
        learningRate: settings.learningRate,
        beta1: settings.beta1,
        beta2: settings.beta2,
        epsilon: settings.epsilon,
      });
    case 'adamw':
      return adamw({
        learningRate: settings.learningRate,
        beta1: settings.beta1,
        beta2: settings.beta2,
        epsilon: settings.epsilon,
        weightDecay: settings.weightDecay,
      });
  }
}

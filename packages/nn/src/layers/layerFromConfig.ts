import { InvalidArgumentError } from '@puregrad/tensor';
import type { ActivationSpec } from '../activations/resolveActivation.js';
import type { Layer, LayerConfig } from '../layer.js';
import { activation } from './activationLayer.js';
import { batchNorm, type BatchNormOptions } from './batchNorm.js';
import { dense } from './dense.js';
import { linear, type WeightInit } from './linear.js';
import { sequential } from './sequential.js';

const kinds = ['linear', 'batchNorm', 'activation', 'dense', 'sequential'];

function isRecord(value: unknown): value is LayerConfig {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Returns the batch-norm options of a dense config: null or false switch it off. */
function batchNormOf(config: LayerConfig): false | BatchNormOptions {
  const value = config['batchNorm'];
  if (value === null || value === false) return false;
  if (value === undefined || value === true) return {};
  if (!isRecord(value)) {
    throw new InvalidArgumentError(
      `layerFromConfig: a dense config's batchNorm must be null or { momentum, epsilon } (got ${JSON.stringify(value)}).`,
    );
  }
  return value as BatchNormOptions;
}

function layersOf(config: LayerConfig): readonly LayerConfig[] {
  const value = config['layers'];
  if (!Array.isArray(value)) {
    throw new InvalidArgumentError(
      `layerFromConfig: a sequential config's layers must be an array of layer configs (got ${JSON.stringify(value)}).`,
    );
  }
  return value as readonly LayerConfig[];
}

/**
 * Rebuilds a layer from its `config`, as a checkpoint stores it: `{ kind: 'linear', units, init }`,
 * `{ kind: 'batchNorm', momentum, epsilon }`, `{ kind: 'activation', activation }`,
 * `{ kind: 'dense', units, activation, batchNorm: { momentum, epsilon } | null }` or
 * `{ kind: 'sequential', layers: [...] }`. Every field is validated as the layer's builder does.
 *
 * @example
 * const copy = layerFromConfig(JSON.parse(JSON.stringify(model.config)));
 */
export function layerFromConfig(config: LayerConfig): Layer {
  if (!isRecord(config)) {
    throw new InvalidArgumentError(
      `layerFromConfig: config must be an object with a kind (got ${JSON.stringify(config)}).`,
    );
  }
  switch (config.kind) {
    case 'linear':
      return linear({
        units: config['units'] as number,
        init: config['init'] as WeightInit,
      }) as Layer;
    case 'batchNorm':
      return batchNorm({
        momentum: config['momentum'] as number,
        epsilon: config['epsilon'] as number,
      }) as Layer;
    case 'activation':
      return activation(config['activation'] as ActivationSpec) as Layer;
    case 'dense':
      return dense({
        units: config['units'] as number,
        activation: config['activation'] as ActivationSpec,
        batchNorm: batchNormOf(config),
        // Configs written before the init field existed used the activation's default.
        ...(config['init'] === undefined ? {} : { init: config['init'] as WeightInit }),
      }) as Layer;
    case 'sequential':
      return sequential(...layersOf(config).map(layerFromConfig));
  }
  throw new InvalidArgumentError(
    `layerFromConfig: kind must be one of ${kinds.join(', ')} (got ${JSON.stringify(config.kind)}).`,
  );
}

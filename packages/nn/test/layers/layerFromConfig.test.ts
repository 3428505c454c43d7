import { InvalidArgumentError, key, toArray, type FloatTensor } from '@puregrad/tensor';
import {
  activation,
  batchNorm,
  dense,
  layerFromConfig,
  leakyReluWithSlope,
  linear,
  sequential,
  type Layer,
  type LayerConfig,
} from '@puregrad/nn';
import { describe, expect, it } from 'vitest';
import { f64 } from '../helpers/numeric.js';

const layers: [string, Layer][] = [
  ['linear', linear({ units: 3, init: 'heNormal' })],
  ['batchNorm', batchNorm({ momentum: 0.8, epsilon: 1e-3 })],
  ['activation', activation(leakyReluWithSlope(0.2))],
  ['dense', dense({ units: 3, activation: 'sigmoid', batchNorm: { momentum: 0.7 } })],
  ['dense without batch norm', dense({ units: 3, batchNorm: false })],
  ['dense with uniformFanIn', dense({ units: 3, init: 'uniformFanIn' })],
  ['sequential', sequential(dense({ units: 4 }), dense({ units: 2, activation: 'identity' }))],
];

const x = f64([
  [0.5, -1, 2],
  [1.5, 0.2, -0.3],
]);

describe.each(layers)('layerFromConfig with %s', (_name, layer) => {
  const rebuilt = layerFromConfig(JSON.parse(JSON.stringify(layer.config)) as LayerConfig);

  it('rebuilds the same config', () => {
    expect(rebuilt.config).toEqual(layer.config);
  });

  it('rebuilds a layer that computes the same output', () => {
    const { params, state } = layer.init(key(4), [3], { dtype: 'float64' });
    const y = layer.apply(params, state, x, { mode: 'train' }).y;
    const copy = rebuilt.apply(params, state, x, { mode: 'train' }).y as FloatTensor;
    expect(toArray(copy)).toEqual(toArray(y));
  });
});

describe('layerFromConfig errors', () => {
  it('rejects an unknown kind', () => {
    expect(() => layerFromConfig({ kind: 'conv2d' })).toThrow(InvalidArgumentError);
    expect(() => layerFromConfig({ kind: 'conv2d' })).toThrow(
      /kind must be one of linear, batchNorm, activation, dense, sequential \(got "conv2d"\)/,
    );
  });

  it('rejects invalid fields as the builders do', () => {
    expect(() =>
      layerFromConfig({ kind: 'dense', units: -1, activation: 'relu', batchNorm: null }),
    ).toThrow(/units must be a positive integer/);
    expect(() => layerFromConfig({ kind: 'batchNorm', momentum: 2, epsilon: 1e-5 })).toThrow(
      /momentum must be a number in \[0, 1\)/,
    );
    expect(() => layerFromConfig({ kind: 'linear', units: 2, init: 'zeros' })).toThrow(
      /init must be one of heNormal, glorotUniform, uniformFanIn \(got zeros\)/,
    );
    expect(() => layerFromConfig({ kind: 'sequential', layers: 'dense' })).toThrow(
      /layers must be an array/,
    );
  });

  it('rejects a config that is not an object', () => {
    expect(() => layerFromConfig(null as unknown as LayerConfig)).toThrow(
      /config must be an object with a kind/,
    );
  });
});

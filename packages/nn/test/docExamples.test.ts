import { key, tensor } from '@puregrad/tensor';
import {
  activation,
  batchNorm,
  dense,
  layerFromConfig,
  linear,
  meanSquaredError,
  sequential,
  softmaxCrossEntropy,
} from '@puregrad/nn';
import { describe, expect, it } from 'vitest';

// Each case runs the @example of one export's doc comment, as written there.
describe('doc examples', () => {
  const x = tensor([
    [1, 2, 3, 4],
    [0, -1, 2, 0.5],
  ]);

  it('linear', () => {
    const layer = linear({ units: 3 });
    const { params, state } = layer.init(key(0), [4]);
    const { y } = layer.apply(params, state, x, { mode: 'train' });
    expect(y.shape).toEqual([2, 3]);
  });

  it('batchNorm', () => {
    const layer = batchNorm({ momentum: 0.9 });
    const { params, state } = layer.init(key(0), [4]);
    const next = layer.apply(params, state, x, { mode: 'train' }).state;
    expect(next.runningMean.shape).toEqual([4]);
  });

  it('activation', () => {
    const layers = sequential(linear({ units: 10 }), activation('relu'));
    expect(layers.init(key(0), [4]).outputShape).toEqual([10]);
  });

  it('dense', () => {
    const layer = dense({ units: 10, activation: 'sigmoid', batchNorm: { momentum: 0.8 } });
    const { params, state } = layer.init(key(0), [784]);
    expect(params.weight.shape).toEqual([10, 784]);
    expect(state.runningMean.shape).toEqual([784]);
  });

  it('sequential and layerFromConfig', () => {
    const model = sequential(dense({ units: 128 }), dense({ units: 10, activation: 'identity' }));
    const { params, state } = model.init(key(0), [784]);
    const copy = layerFromConfig(JSON.parse(JSON.stringify(model.config)));
    expect(params).toHaveLength(2);
    expect(state).toHaveLength(2);
    expect(copy.config).toEqual(model.config);
  });

  it('meanSquaredError', () => {
    const predictions = tensor([[1, 2]]);
    const targets = tensor([[0, 0]]);
    expect(meanSquaredError.compute(predictions, targets)).toBe(5);
  });

  it('softmaxCrossEntropy', () => {
    const logits = tensor([[0, 0]]);
    const labels = tensor([0], { dtype: 'int32' });
    const value = softmaxCrossEntropy.compute(logits, labels);
    // float32 logits of 0 are exact, and the loss is computed in float64: exactly log 2.
    expect(value).toBe(Math.log(2));
  });
});

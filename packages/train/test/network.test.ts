import { describe, expect, it } from 'vitest';
import { dense, softmaxCrossEntropy } from '@puregrad/nn';
import { adam, applyUpdates } from '@puregrad/optim';
import { key, tensor, toArray, treeLeaves, type Tree } from '@puregrad/tensor';
import { network, NonFiniteLossError } from '@puregrad/train';
import { tinyClassification, tinyClassifier, tinyRegressor } from './tinyData.js';

const values = (tree: Tree): number[][] => treeLeaves(tree).map((leaf) => toArray(leaf));

describe('network', () => {
  const net = tinyClassifier();
  const init = net.init(key(1), { dtype: 'float64' });
  const batch = tinyClassification(key(2), 16);

  it('init builds params state and optState', () => {
    expect(init.params).toHaveLength(2);
    expect(init.state).toHaveLength(2);
    expect(treeLeaves(init.params).every((leaf) => leaf.dtype === 'float64')).toBe(true);
    expect(net.optimizer.init(init.params)).toEqual(init.optState);
  });

  it('train equals forward backward update', () => {
    const step = net.train(init.params, init.state, init.optState, batch);

    // train skips the first layer's input gradient, so the comparison does too: nn computes the
    // param grads another way then, which agrees with the full backward only to rounding.
    const applied = net.forward(init.params, init.state, batch.inputs);
    const { loss, grads } = net.backward(applied, batch.targets, { inputGrad: false });
    const { updates, optState } = net.optimizer.update(grads, init.optState, init.params);
    expect(step.loss).toBe(loss);
    expect(values(step.params)).toEqual(values(applyUpdates(init.params, updates)));
    expect(values(step.state)).toEqual(values(applied.state));
    expect(values(step.optState)).toEqual(values(optState));
  });

  it('train leaves its inputs unchanged', () => {
    const before = [values(init.params), values(init.state), values(init.optState)];
    const first = net.train(init.params, init.state, init.optState, batch);
    const second = net.train(init.params, init.state, init.optState, batch);
    expect([values(init.params), values(init.state), values(init.optState)]).toEqual(before);
    expect(values(second.params)).toEqual(values(first.params));
  });

  it('backward without input gradient gives empty dx', () => {
    const applied = net.forward(init.params, init.state, batch.inputs);
    const full = net.backward(applied, batch.targets);
    const skipped = net.backward(applied, batch.targets, { inputGrad: false });
    expect(full.dx.shape).toEqual([16, 3]);
    expect(skipped.dx.shape).toEqual([0]);
    // Both paths add the same products in another order: 1e-15 absolute on grads below 1.
    const fullValues = values(full.grads).flat();
    values(skipped.grads)
      .flat()
      .forEach((value, i) => expect(value).toBeCloseTo(fullValues[i] as number, 15));
  });

  it('infer leaves state unchanged', () => {
    const trained = net.train(init.params, init.state, init.optState, batch);
    const before = values(trained.state);
    const first = net.infer(trained.params, trained.state, batch.inputs);
    const second = net.infer(trained.params, trained.state, batch.inputs);
    expect(first.shape).toEqual([16, 2]);
    expect(values(trained.state)).toEqual(before);
    expect(toArray(second)).toEqual(toArray(first));
  });

  it('summary lists shapes and parameter counts', () => {
    expect(net.summary()).toEqual([
      // gamma and beta [3], weight [8, 3], bias [8].
      { index: 1, kind: 'dense', inputShape: [3], outputShape: [8], paramCount: 3 + 3 + 24 + 8 },
      { index: 2, kind: 'dense', inputShape: [8], outputShape: [2], paramCount: 8 + 8 + 16 + 2 },
    ]);
  });

  it('config describes layers loss and optimizer', () => {
    expect(net.config.inputShape).toEqual([3]);
    expect(net.config.loss).toBe('softmax-cross-entropy');
    expect(net.config.optimizer).toEqual(adam({ learningRate: 0.05 }).config);
    expect(net.config.layers.map((layer) => layer.kind)).toEqual(['dense', 'dense']);
  });

  it('diverging step throws NonFiniteLossError', () => {
    const regressor = tinyRegressor(1e30);
    const start = regressor.init(key(3), { dtype: 'float64' });
    const inputs = tensor(
      [
        [1, 2, 3],
        [3, 2, 1],
      ],
      { dtype: 'float64' },
    );
    const targets = tensor([[1e10], [-1e10]], { dtype: 'float64' });
    let values = start;
    const run = () => {
      for (let i = 0; i < 20; i++)
        values = regressor.train(values.params, values.state, values.optState, { inputs, targets });
    };
    expect(run).toThrow(NonFiniteLossError);
    expect(run).toThrow(/train: the loss and the network output must be finite/);
  });

  it('invalid input shape is rejected', () => {
    const build = () =>
      network({
        inputShape: [0],
        layers: [dense({ units: 2 })],
        loss: softmaxCrossEntropy,
        optimizer: adam(),
      });
    expect(build).toThrow(/network: inputShape must be an array of positive integers/);
  });
});

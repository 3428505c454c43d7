import { describe, expect, it } from 'vitest';
import { key, tensor, toArray, treeLeaves, type Tree } from '@puregrad/tensor';
import {
  earlyStopping,
  evaluate,
  fit,
  NonFiniteLossError,
  type Callback,
  type FitOptions,
} from '@puregrad/train';
import { tinyClassification, tinyClassifier, tinyRegressor } from './tinyData.js';

const values = (tree: Tree): number[][] => treeLeaves(tree).map((leaf) => toArray(leaf));

describe('fit', () => {
  const net = tinyClassifier();
  const start = net.init(key(1), { dtype: 'float64' });
  // 45 samples in batches of 8: five full batches and a remainder of five.
  const data = tinyClassification(key(2), 45);
  const validation = tinyClassification(key(3), 20);
  const options: FitOptions = { epochs: 6, batchSize: 8, key: key(4), validation };

  it('same seed gives identical results', () => {
    const first = fit(net, start, data, options);
    const second = fit(net, start, data, options);
    expect(second.history).toEqual(first.history);
    expect(values(second.params)).toEqual(values(first.params));
    expect(values(second.optState)).toEqual(values(first.optState));
  });

  it('another seed shuffles differently', () => {
    const first = fit(net, start, data, options);
    const other = fit(net, start, data, { ...options, key: key(5) });
    expect(other.history).not.toEqual(first.history);
  });

  it('resumed halves equal the whole run', () => {
    const callbacks = [earlyStopping({ monitor: 'valLoss', patience: 100 })];
    const whole = fit(net, start, data, { ...options, callbacks });
    const half = fit(net, start, data, { ...options, epochs: 3, callbacks });
    const rest = fit(net, half, data, {
      ...options,
      callbacks,
      initialEpoch: half.nextEpoch,
      history: half.history,
      callbackStates: half.callbackStates,
    });
    expect(half.nextEpoch).toBe(3);
    expect(rest.history).toEqual(whole.history);
    expect(values(rest.params)).toEqual(values(whole.params));
    expect(values(rest.state)).toEqual(values(whole.state));
    expect(values(rest.optState)).toEqual(values(whole.optState));
    expect(rest.callbackStates).toEqual(whole.callbackStates);
  });

  it('history records every epoch', () => {
    const result = fit(net, start, data, options);
    expect(result.history.map((record) => record.epoch)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(result.epochMilliseconds).toHaveLength(6);
    for (const record of result.history) {
      expect(Object.keys(record).sort()).toEqual([
        'accuracy',
        'epoch',
        'loss',
        'valAccuracy',
        'valLoss',
      ]);
    }
  });

  it('epoch loss is the size-weighted batch mean', () => {
    const batches: { epoch: number; loss: number; size: number }[] = [];
    const recorder: Callback<null> = {
      name: 'recorder',
      init: () => null,
      onBatchEnd(event) {
        batches.push({ epoch: event.epoch, loss: event.loss, size: event.batchSize });
        return { callbackState: null };
      },
    };
    const result = fit(net, start, data, { ...options, epochs: 2, callbacks: [recorder] });

    // 45 = 8 · 5 + 5: the remainder of five is its own batch.
    expect(batches.filter((batch) => batch.epoch === 0).map((batch) => batch.size)).toEqual([
      8, 8, 8, 8, 8, 5,
    ]);
    for (const record of result.history) {
      const own = batches.filter((batch) => batch.epoch === record.epoch);
      const mean = own.reduce((sum, batch) => sum + batch.loss * batch.size, 0) / 45;
      expect(record.loss).toBe(mean);
    }
  });

  it('validation metrics match evaluate', () => {
    const result = fit(net, start, data, { ...options, epochs: 1 });
    const evaluation = evaluate(net, result.params, result.state, validation);
    expect(result.history[0]?.valLoss).toBe(evaluation.loss);
    expect(result.history[0]?.valAccuracy).toBe(evaluation.accuracy);
  });

  it('one-sample remainder is merged or dropped', () => {
    const sizes = (lastBatch: 'keep' | 'drop') => {
      const seen: number[] = [];
      const recorder: Callback<null> = {
        name: 'recorder',
        init: () => null,
        onBatchEnd: (event) => (seen.push(event.batchSize), { callbackState: null }),
      };
      const odd = tinyClassification(key(6), 17);
      fit(net, start, odd, {
        epochs: 1,
        batchSize: 8,
        key: key(7),
        lastBatch,
        callbacks: [recorder],
      });
      return seen;
    };
    expect(sizes('keep')).toEqual([8, 9]);
    expect(sizes('drop')).toEqual([8, 8]);
  });

  it('callback stop ends training', () => {
    const stopAtSecondBatch: Callback<number> = {
      name: 'stopper',
      init: () => 0,
      onBatchEnd: (_event, count) => ({ callbackState: count + 1, stop: count + 1 === 2 }),
    };
    const result = fit(net, start, data, { ...options, callbacks: [stopAtSecondBatch] });
    expect(result.stopped).toBe(true);
    expect(result.history).toHaveLength(1);
    expect(result.nextEpoch).toBe(1);
    expect(result.callbackStates).toEqual([2]);
  });

  it('early stopping restores the best epoch', () => {
    // A learning rate this large makes the validation loss jump around, so it stops early.
    const wild = tinyClassifier(3);
    const stopper = earlyStopping({ monitor: 'valLoss', patience: 2 });
    const snapshots: { params: readonly Tree[]; epoch: number }[] = [];
    const recorder: Callback<null> = {
      name: 'recorder',
      init: () => null,
      onEpochEnd: (event) => (
        snapshots.push({ params: event.params, epoch: event.record.epoch }),
        { callbackState: null }
      ),
    };
    const result = fit(wild, wild.init(key(1), { dtype: 'float64' }), data, {
      ...options,
      epochs: 60,
      callbacks: [recorder, stopper],
    });
    const losses = result.history.map((record) => record.valLoss as number);
    const bestEpoch = losses.indexOf(Math.min(...losses));

    expect(result.stopped).toBe(true);
    expect(result.history.length).toBe(bestEpoch + 3);
    expect(values(result.params)).toEqual(values(snapshots[bestEpoch]!.params));
  });

  it('early stopping resumes mid-patience', () => {
    const wild = tinyClassifier(3);
    const wildStart = wild.init(key(1), { dtype: 'float64' });
    const callbacks = [earlyStopping({ monitor: 'valLoss', patience: 2 })];
    const whole = fit(wild, wildStart, data, { ...options, epochs: 60, callbacks });
    const split = whole.nextEpoch - 1;

    const half = fit(wild, wildStart, data, { ...options, epochs: split, callbacks });
    const rest = fit(wild, half, data, {
      ...options,
      epochs: 60,
      callbacks,
      initialEpoch: half.nextEpoch,
      history: half.history,
      callbackStates: half.callbackStates,
    });
    expect(whole.stopped).toBe(true);
    expect(half.stopped).toBe(false);
    expect(rest.stopped).toBe(true);
    expect(rest.nextEpoch).toBe(whole.nextEpoch);
    expect(rest.history).toEqual(whole.history);
    expect(values(rest.params)).toEqual(values(whole.params));
  });

  it('training without a stop keeps the last params', () => {
    const callbacks = [earlyStopping({ monitor: 'valLoss', patience: 100 })];
    const watched = fit(net, start, data, { ...options, callbacks });
    const plain = fit(net, start, data, options);
    expect(watched.stopped).toBe(false);
    expect(values(watched.params)).toEqual(values(plain.params));
  });

  it('unshuffled run ignores the shuffling key', () => {
    // The key also feeds the layer keys, which these deterministic layers do not read.
    const first = fit(net, start, data, { ...options, shuffle: false });
    const other = fit(net, start, data, { ...options, shuffle: false, key: key(9) });
    expect(other.history).toEqual(first.history);
  });

  it('early stopping without its metric is rejected', () => {
    const run = () =>
      fit(net, start, data, { epochs: 1, batchSize: 8, key: key(4), callbacks: [earlyStopping()] });
    expect(run).toThrow(/earlyStopping: the monitored metric valLoss is missing/);
  });

  it('non-finite loss names the epoch and step', () => {
    const regressor = tinyRegressor(1e30);
    const inputs = tensor(
      Array.from({ length: 24 }, (_, i) => (i % 7) - 3),
      { shape: [8, 3], dtype: 'float64' },
    );
    const targets = tensor(
      Array.from({ length: 8 }, (_, i) => 1e10 * (i - 4)),
      { shape: [8, 1], dtype: 'float64' },
    );
    let caught: unknown;
    try {
      fit(
        regressor,
        regressor.init(key(1), { dtype: 'float64' }),
        { inputs, targets },
        { epochs: 50, batchSize: 4, key: key(2) },
      );
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(NonFiniteLossError);
    const error = caught as NonFiniteLossError;
    expect(error.position).toBeDefined();
    const { epoch, step } = error.position!;
    expect(error.message).toContain(`at epoch ${epoch + 1} of 50, step ${step + 1} of 2`);
  });

  it.each([
    ['zero epochs', { epochs: 0 }, /fit: epochs must be an integer ≥ 1/],
    ['fractional batch size', { batchSize: 2.5 }, /fit: batchSize must be an integer ≥ 1/],
    ['initial epoch past the end', { initialEpoch: 9 }, /fit: initialEpoch must be at most epochs/],
    [
      'drop with too few samples',
      { batchSize: 64, lastBatch: 'drop' as const },
      /no batch is left/,
    ],
    [
      'callback states of another length',
      { callbackStates: [1] },
      /fit: callbackStates must have one entry per callback/,
    ],
  ])('%s is rejected', (_name, change, message) => {
    expect(() => fit(net, start, data, { ...options, ...change })).toThrow(message);
  });

  it('NaN in the data is rejected before training', () => {
    const inputs = tensor(
      [
        [0, 1, 2],
        [3, Number.NaN, 5],
      ],
      { dtype: 'float64' },
    );
    const targets = tensor([0, 1], { dtype: 'int32' });
    expect(() => fit(net, start, { inputs, targets }, options)).toThrow(
      /record 1, field "data.inputs"/,
    );
  });
});

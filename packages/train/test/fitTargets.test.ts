import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dense, meanSquaredError } from '@puregrad/nn';
import { sgd } from '@puregrad/optim';
import {
  DataError,
  DTypeError,
  InvalidArgumentError,
  key,
  oneHot,
  ShapeError,
  tensor,
  uniform,
  type Int32Tensor,
} from '@puregrad/tensor';
import { fit, network, type Batch, type Callback, type FitOptions } from '@puregrad/train';
import { tinyClassification, tinyClassifier } from './tinyData.js';

// fit checks every target against the network's loss before the first step, so a bad record is
// named by its index in the caller's data, not by a row of a shuffled batch.

const net = tinyClassifier();
const start = net.init(key(1), { dtype: 'float64' });

/** Counts the batches run, to show that a rejected dataset trains nothing. */
function batchCounter(): { readonly callback: Callback<unknown>; readonly count: () => number } {
  let batches = 0;
  const callback: Callback<unknown> = {
    name: 'batchCounter',
    init: () => 0,
    onBatchEnd: (_event, callbackState) => {
      batches += 1;
      return { callbackState };
    },
  };
  return { callback, count: () => batches };
}

function withLabel(data: Batch, record: number, label: number): Batch {
  const labels = Int32Array.from((data.targets as Int32Tensor).data);
  labels[record] = label;
  return { ...data, targets: tensor(Array.from(labels), { dtype: 'int32' }) };
}

function withRowScaled(data: Batch, record: number, factor: number): Batch {
  const rows = oneHot(data.targets as Int32Tensor, 2, 'float64');
  const values = Float64Array.from(rows.data);
  values[2 * record] = (values[2 * record] as number) * factor;
  values[2 * record + 1] = (values[2 * record + 1] as number) * factor;
  return { ...data, targets: tensor(Array.from(values), { shape: rows.shape, dtype: 'float64' }) };
}

function caught(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
}

const options: FitOptions = { epochs: 2, batchSize: 8, key: key(4) };

describe('fit target checks', () => {
  it('label out of range names its record', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 3, max: 40 }),
        fc.nat(),
        fc.constantFrom(-1, 2, 5, 1000),
        (count, seed, label) => {
          const data = tinyClassification(key(seed), count);
          const record = seed % count;
          const { callback, count: batches } = batchCounter();
          const error = caught(() =>
            fit(net, start, withLabel(data, record, label), { ...options, callbacks: [callback] }),
          );
          expect(error).toBeInstanceOf(DataError);
          expect((error as DataError).location).toEqual({ record, field: 'data.targets' });
          expect((error as DataError).message).toContain(`(got ${label})`);
          expect(batches()).toBe(0);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('row not summing to 1 names its record', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 3, max: 40 }),
        fc.nat(),
        fc.constantFrom(0, 0.9, 1.5),
        (count, seed, factor) => {
          const data = tinyClassification(key(seed), count);
          const record = (seed * 7) % count;
          const error = caught(() => fit(net, start, withRowScaled(data, record, factor), options));
          expect(error).toBeInstanceOf(DataError);
          expect((error as DataError).location).toEqual({ record, field: 'data.targets' });
          // The loss rejects a scaled row by its sum or, above 1, by the entry itself.
          expect((error as DataError).message).toMatch(/must sum to 1|must be in \[0, 1\]/);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('bad validation label rejected up front', () => {
    const data = tinyClassification(key(2), 45);
    const validation = withLabel(tinyClassification(key(3), 20), 13, 5);
    const { callback, count: batches } = batchCounter();
    const error = caught(() =>
      fit(net, start, data, { ...options, validation, callbacks: [callback] }),
    );
    expect(error).toBeInstanceOf(DataError);
    expect((error as DataError).location).toEqual({ record: 13, field: 'validation.targets' });
    expect((error as DataError).message).toMatch(/^record 13, field "validation.targets": fit:/);
    expect(batches()).toBe(0);
  });

  it('target shape mismatch is a ShapeError', () => {
    const data = tinyClassification(key(2), 10);
    const rows = tensor(new Array(30).fill(1 / 3), { shape: [10, 3], dtype: 'float64' });
    expect(() => fit(net, start, { ...data, targets: rows }, options)).toThrow(ShapeError);
    expect(() => fit(net, start, { ...data, targets: rows }, options)).toThrow(
      /fit: data.targets must suit the loss softmax-cross-entropy and the network's output \[2\]/,
    );
  });

  it('mse targets of another dtype rejected', () => {
    const regressor = network({
      inputShape: [3],
      layers: [dense({ units: 1, activation: 'identity', batchNorm: false })],
      loss: meanSquaredError,
      optimizer: sgd({ learningRate: 0.1 }),
    });
    const inputs = uniform(key(5), [6, 3], { dtype: 'float64' });
    const targets = uniform(key(6), [6, 1], { dtype: 'float32' });
    const values = regressor.init(key(1), { dtype: 'float64' });
    expect(() => fit(regressor, values, { inputs, targets }, options)).toThrow(DTypeError);
    expect(() => fit(regressor, values, { inputs, targets }, options)).toThrow(
      /^fit: data.targets must suit the loss mse and the network's output \[1\] \(meanSquaredError.compute: /,
    );
  });

  it('valid targets still train', () => {
    const data = tinyClassification(key(2), 45);
    const result = fit(net, start, withRowScaled(data, 3, 1), { ...options, epochs: 1 });
    expect(result.history).toHaveLength(1);
  });
});

describe('fit batch-of-one check', () => {
  it('batchSize 1 with batch norm is rejected', () => {
    const data = tinyClassification(key(2), 10);
    const run = () => fit(net, start, data, { ...options, batchSize: 1 });
    expect(run).toThrow(InvalidArgumentError);
    expect(run).toThrow(
      /fit: every batch must have at least 2 samples when the network uses batch normalization \(got a batch of 1 from batchSize 1 and 10 samples\)/,
    );
  });

  it('one sample with batch norm is rejected', () => {
    const data = tinyClassification(key(2), 1);
    expect(() => fit(net, start, data, options)).toThrow(/got a batch of 1 from batchSize 8/);
  });

  it('batchSize 1 without batch norm trains', () => {
    const plain = network({
      inputShape: [3],
      layers: [dense({ units: 2, activation: 'identity', batchNorm: false })],
      loss: net.loss,
      optimizer: sgd({ learningRate: 0.1 }),
    });
    const data = tinyClassification(key(2), 5);
    const result = fit(plain, plain.init(key(1), { dtype: 'float64' }), data, {
      ...options,
      batchSize: 1,
      epochs: 1,
    });
    expect(result.history).toHaveLength(1);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { key, oneHot, tensor } from '@puregrad/tensor';
import { countCorrect, evaluate } from '@puregrad/train';
import { tinyClassification, tinyClassifier, tinyRegressor } from './tinyData.js';

describe('evaluate', () => {
  const net = tinyClassifier();
  const { params, state } = net.init(key(1), { dtype: 'float64' });

  it('confusion matrix counts every sample', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 80 }),
        fc.integer({ min: 1, max: 40 }),
        (count, batchSize) => {
          const data = tinyClassification(key(count), count);
          const result = evaluate(net, params, state, data, { batchSize });
          const confusion = result.confusion!;
          const total = confusion.flat().reduce((sum, value) => sum + value, 0);
          const correct = confusion[0]![0]! + confusion[1]![1]!;
          expect(total).toBe(count);
          expect(result.accuracy).toBe(correct / count);
          // Row sums are the true class counts.
          const ones = Array.from(data.targets.data).filter((label) => label === 1).length;
          expect(confusion[1]![0]! + confusion[1]![1]!).toBe(ones);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('batch size does not change the result', () => {
    const data = tinyClassification(key(9), 50);
    const whole = evaluate(net, params, state, data, { batchSize: 50 });
    const pieces = evaluate(net, params, state, data, { batchSize: 7 });
    expect(pieces.confusion).toEqual(whole.confusion);
    // Summing seven batch means weighted by size rounds differently from one mean: 1e-14 relative.
    expect(pieces.loss).toBeCloseTo(whole.loss, 13);
  });

  it('accuracy agrees with one-hot targets', () => {
    const data = tinyClassification(key(10), 30);
    const rows = { inputs: data.inputs, targets: oneHot(data.targets as never, 2, 'float64') };
    expect(evaluate(net, params, state, rows).accuracy).toBe(
      evaluate(net, params, state, data).accuracy,
    );
  });

  it('regression reports loss only', () => {
    const regressor = tinyRegressor(0.1);
    const values = regressor.init(key(2), { dtype: 'float64' });
    const inputs = tensor(
      [
        [1, 2, 3],
        [0, 1, 0],
      ],
      { dtype: 'float64' },
    );
    const targets = tensor([[1], [2]], { dtype: 'float64' });
    const result = evaluate(regressor, values.params, values.state, { inputs, targets });
    expect(result.accuracy).toBeUndefined();
    expect(result.confusion).toBeUndefined();
    expect(result.loss).toBe(
      regressor.loss.compute(regressor.infer(values.params, values.state, inputs), targets),
    );
  });

  it('countCorrect compares argmax with labels', () => {
    const predictions = tensor([
      [0.1, 0.9],
      [2, -1],
      [0, 0],
    ]);
    // The third row ties, and the first index wins the tie.
    expect(countCorrect(predictions, tensor([1, 0, 0], { dtype: 'int32' }))).toBe(3);
    expect(countCorrect(predictions, tensor([0, 0, 1], { dtype: 'int32' }))).toBe(1);
  });
});

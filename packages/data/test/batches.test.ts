import { InvalidArgumentError, key, tensor } from '@puregrad/tensor';
import * as fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { batchIndices, batches, iris, oneHotLabels } from '../src/index.js';

describe('batchIndices', () => {
  it('cuts in order without a key', () => {
    expect(batchIndices(5, { batchSize: 2 })).toEqual([[0, 1], [2, 3], [4]]);
    expect(batchIndices(5, { batchSize: 2, dropLast: true })).toEqual([
      [0, 1],
      [2, 3],
    ]);
  });

  it('covers every sample once', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 100 }),
        fc.integer({ min: 1, max: 20 }),
        fc.nat(),
        (n, batchSize, seed) => {
          const runs = batchIndices(n, { batchSize, key: key(seed) });
          expect(runs.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
          runs.slice(0, -1).forEach((run) => expect(run.length).toBe(batchSize));
        },
      ),
    );
  });

  it('rejects a bad batch size', () => {
    expect(() => batchIndices(4, { batchSize: 0 })).toThrow(InvalidArgumentError);
  });
});

describe('batches', () => {
  it('keeps inputs and one-hot targets together', () => {
    const dataset = {
      task: 'classification' as const,
      name: 'toy',
      inputs: tensor([[0], [1], [2]]),
      labels: tensor([2, 0, 1], { dtype: 'int32' }),
      classes: ['a', 'b', 'c'],
      featureShape: [1],
    };
    const [first, second] = batches(dataset, { batchSize: 2, key: key(3) });
    for (const batch of [first!, second!]) {
      batch.labels!.data.forEach((label, i) => {
        expect(label).toBe([2, 0, 1][batch.inputs.data[i] as number]);
        expect(batch.targets.data[i * 3 + label]).toBe(1);
      });
    }
    expect(Array.from(oneHotLabels(dataset).data)).toEqual([0, 0, 1, 1, 0, 0, 0, 1, 0]);
  });
});

describe('iris', () => {
  it('has 150 flowers in 3 classes', () => {
    const dataset = iris();
    if (E.isLeft(dataset)) throw dataset.left;
    expect(dataset.right.inputs.shape).toEqual([150, 4]);
    expect(dataset.right.classes).toEqual(['setosa', 'versicolor', 'virginica']);
    const counts = [0, 0, 0];
    for (const label of dataset.right.labels.data) counts[label]! += 1;
    expect(counts).toEqual([50, 50, 50]);
    // The first flower of Fisher's table: 5.1, 3.5, 1.4, 0.2 (cm), stored as float32.
    expect(Array.from(dataset.right.inputs.data.slice(0, 4))).toEqual(
      [5.1, 3.5, 1.4, 0.2].map(Math.fround),
    );
  });
});

import { InvalidArgumentError, key, tensor, unsafeFromData } from '@puregrad/tensor';
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  largestRemainder,
  randomSplit,
  stratifiedSplit,
  type ClassificationDataset,
} from '../src/index.js';

function labelled(labels: number[], classes: number): ClassificationDataset<'float32'> {
  return {
    task: 'classification',
    name: 'toy',
    // Feature 0 is the sample's index, so each part's samples can be traced back.
    inputs: tensor(
      labels.map((_, i) => i),
      { shape: [labels.length, 1] },
    ),
    labels: unsafeFromData(Int32Array.from(labels), [labels.length]),
    classes: Array.from({ length: classes }, (_, k) => `c${k}`),
    featureShape: [1],
  };
}

describe('largestRemainder', () => {
  it('matches a hand-computed case', () => {
    // 0.2 × [1001, 1127, 5] = [200.2, 225.4, 1]: total 426.6 rounds to 427, one more for class 1.
    expect(largestRemainder([1001, 1127, 5], 0.2)).toEqual([200, 226, 1]);
  });

  it('breaks ties by lower class', () => {
    expect(largestRemainder([1, 1, 1], 0.5)).toEqual([1, 1, 0]);
  });

  it('sums to round(total × share) within each count', () => {
    const counts = fc.array(fc.nat({ max: 500 }), { minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(counts, fc.double({ min: 0, max: 1, noNaN: true }), (sizes, share) => {
        const taken = largestRemainder(sizes, share);
        const total = sizes.reduce((a, b) => a + b, 0);
        expect(taken.reduce((a, b) => a + b, 0)).toBe(Math.round(total * share));
        taken.forEach((n, k) => {
          expect(n).toBeGreaterThanOrEqual(Math.floor(sizes[k]! * share));
          expect(n).toBeLessThanOrEqual(Math.ceil(sizes[k]! * share));
        });
      }),
    );
  });

  it('rejects a share outside [0, 1]', () => {
    expect(() => largestRemainder([3], 1.5)).toThrow(InvalidArgumentError);
    expect(() => largestRemainder([3], Number.NaN)).toThrow(/share must be a number in \[0, 1\]/);
  });
});

describe('stratifiedSplit', () => {
  const labels = fc.array(fc.nat({ max: 3 }), { minLength: 1, maxLength: 60 });

  it('partitions the samples by class quota', () => {
    fc.assert(
      fc.property(
        labels,
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.nat(),
        (values, share, seed) => {
          const dataset = labelled(values, 4);
          const { rest, share: part } = stratifiedSplit(dataset, { key: key(seed), share });
          const ids = [...rest.inputs.data, ...part.inputs.data].sort((a, b) => a - b);
          expect(ids).toEqual(values.map((_, i) => i));

          const counts = [0, 1, 2, 3].map((k) => values.filter((v) => v === k).length);
          const quotas = largestRemainder(counts, share);
          const partCounts = [0, 1, 2, 3].map(
            (k) => Array.from(part.labels.data).filter((v) => v === k).length,
          );
          expect(partCounts).toEqual(quotas);
        },
      ),
    );
  });

  it('leaves the data set unchanged', () => {
    const dataset = labelled([0, 1, 1, 0, 2], 3);
    const before = [Array.from(dataset.inputs.data), Array.from(dataset.labels.data)];
    stratifiedSplit(dataset, { key: key(1), share: 0.4 });
    expect([Array.from(dataset.inputs.data), Array.from(dataset.labels.data)]).toEqual(before);
  });

  it('is a function of the key', () => {
    const dataset = labelled([0, 1, 0, 1, 0, 1, 0, 1, 2, 2], 3);
    const a = stratifiedSplit(dataset, { key: key(4), share: 0.5 });
    const b = stratifiedSplit(dataset, { key: key(4), share: 0.5 });
    expect(Array.from(a.share.inputs.data)).toEqual(Array.from(b.share.inputs.data));
  });
});

describe('randomSplit', () => {
  it('takes round(n × share) samples', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 80 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.nat(),
        (n, share, seed) => {
          const dataset = labelled(new Array(n).fill(0), 1);
          const { rest, share: part } = randomSplit(dataset, {
            key: key(seed),
            share,
            names: ['a', 'b'],
          });
          expect(part.inputs.shape[0]).toBe(Math.round(n * share));
          expect(rest.inputs.shape[0]! + part.inputs.shape[0]!).toBe(n);
          expect(part.name).toBe('b');
        },
      ),
    );
  });
});

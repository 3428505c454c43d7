import { ShapeError, tensor } from '@puregrad/tensor';
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyStandardization,
  fitStandardization,
  standardize,
  type ClassificationDataset,
} from '../src/index.js';

describe('fitStandardization', () => {
  it('matches a hand-computed case', () => {
    const stats = fitStandardization(
      tensor(
        [
          [1, 10],
          [3, 10],
        ],
        { dtype: 'float64' },
      ),
    );
    expect(stats.mean).toEqual([2, 10]);
    expect(stats.std).toEqual([1, 1]);
    expect(stats.constantFeatures).toEqual([1]);
  });

  it('gives exactly 0 variance for a constant 1e10 column', () => {
    const stats = fitStandardization(tensor([[1e10], [1e10], [1e10]]));
    expect(stats.constantFeatures).toEqual([0]);
    expect(Array.from(applyStandardization(stats, tensor([[1e10]])).data)).toEqual([0]);
  });

  it('gives mean 0 and std 1 on the fitted data', () => {
    const rows = fc.array(
      fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 3, maxLength: 3 }),
      {
        minLength: 2,
        maxLength: 20,
      },
    );
    fc.assert(
      fc.property(rows, (values) => {
        const inputs = tensor(values, { dtype: 'float64' });
        const stats = fitStandardization(inputs);
        const out = applyStandardization(stats, inputs);
        for (let j = 0; j < 3; j++) {
          const column = values.map((_, i) => out.data[i * 3 + j] as number);
          const mean = column.reduce((a, b) => a + b, 0) / column.length;
          const variance = column.reduce((a, b) => a + (b - mean) ** 2, 0) / column.length;
          // float64 sums of at most 20 terms of size ≤ 1e3/σ: 1e-9 is far above the rounding error
          // unless σ is tiny, and a column whose σ is below 1e-6 is skipped.
          if (stats.std[j]! < 1e-6) continue;
          expect(Math.abs(mean)).toBeLessThan(1e-9);
          if (!stats.constantFeatures.includes(j))
            expect(Math.abs(variance - 1)).toBeLessThan(1e-9);
        }
      }),
    );
  });

  it('leaves its input unchanged', () => {
    const inputs = tensor([
      [1, 5],
      [3, -2],
      [0, 0],
    ]);
    const before = Array.from(inputs.data);
    applyStandardization(fitStandardization(inputs), inputs);
    expect(Array.from(inputs.data)).toEqual(before);
  });

  it('rejects a feature count mismatch', () => {
    const stats = fitStandardization(tensor([[1, 2]]));
    expect(() => applyStandardization(stats, tensor([[1, 2, 3]]))).toThrow(ShapeError);
  });
});

describe('standardize', () => {
  it('fits on train only', () => {
    const make = (rows: number[][]): ClassificationDataset => ({
      task: 'classification',
      name: 'x',
      inputs: tensor(rows),
      labels: tensor(
        rows.map(() => 0),
        { dtype: 'int32' },
      ),
      classes: ['a'],
      featureShape: [1],
    });
    const { stats, train, others } = standardize(make([[0], [2]]), make([[4]]));
    expect(stats.mean).toEqual([1]);
    expect(Array.from(train.inputs.data)).toEqual([-1, 1]);
    expect(Array.from(others[0]!.inputs.data)).toEqual([3]);
  });
});

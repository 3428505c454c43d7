import { describe, expect, it } from 'vitest';
import { checkGradients } from '@puregrad/check';
import { activation, dense, sequential, type Layer } from '@puregrad/nn';
import { tensor, type Tree } from '@puregrad/tensor';

// z = x Wᵀ + b puts row 0 of unit 0 exactly at the relu kink: 1·1 + 2·(−0.5) + 0 = 0.
const weight = tensor(
  [
    [1, -0.5],
    [0.3, 0.8],
  ],
  { dtype: 'float64' },
);
const bias = tensor([0, 0.1], { dtype: 'float64' });
const input = tensor(
  [
    [1, 2],
    [0.5, -1],
    [-2, 0.7],
  ],
  { dtype: 'float64' },
);

describe('kinks in nn layers', () => {
  it('excuses a dense relu at its kink', () => {
    const layer = dense({ units: 2, activation: 'relu', batchNorm: false });
    const report = checkGradients({
      layer,
      params: { weight, bias },
      state: {},
      input,
      mode: 'infer',
    });

    expect(report.ok).toBe(true);
    expect(report.excused.length).toBeGreaterThan(0);
    expect(report.excused[0]?.reason).toBe(
      'pre-activation 0 element [0, 0] changes sign between x − h and x + h',
    );
  });

  it('excuses a kink inside a sequential', () => {
    // The kink sits in the second child, after an identity layer that leaves z unchanged.
    const layer = sequential(
      dense({ units: 2, activation: 'identity', batchNorm: false }),
      activation('leakyRelu'),
    );
    const params: readonly Tree[] = [{ weight, bias }, {}];
    const report = checkGradients({ layer, params, state: [{}, {}], input, mode: 'train' });

    expect(report.ok).toBe(true);
    expect(report.excused.map((entry) => entry.path)).toContain('input');
  });

  it('fails the kink when the layer reports nothing', () => {
    const real = dense({ units: 2, activation: 'relu', batchNorm: false }) as unknown as Layer<
      Tree,
      Tree
    >;
    const silent: Layer<Tree, Tree> = {
      ...real,
      apply: (...args) => {
        const { preActivations: _, ...applied } = real.apply(...args);
        return applied;
      },
    };
    const report = checkGradients({
      layer: silent,
      params: { weight, bias },
      state: {},
      input,
      mode: 'infer',
    });

    expect(report.ok).toBe(false);
    expect(report.excused).toEqual([]);
    expect(report.worst?.index[0]).toBe(0);
  });
});

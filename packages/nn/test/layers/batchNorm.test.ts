import {
  InvalidArgumentError,
  key,
  ShapeError,
  toArray,
  toNested,
  type FloatTensor,
} from '@puregrad/tensor';
import { batchNorm, type BatchNormParams, type BatchNormState } from '@puregrad/nn';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  centralDifference,
  expectClose,
  f64,
  matrixArbitrary,
  project,
} from '../helpers/numeric.js';

const epsilon = 1e-5;
const params: BatchNormParams = { gamma: f64([2, 1]), beta: f64([0, 1]) };
const state: BatchNormState = { runningMean: f64([0, 0]), runningVariance: f64([1, 1]) };
// Column 0 has mean 2, biased variance 1, unbiased 2; column 1 mean 4, biased 4, unbiased 8.
const x = f64([
  [1, 2],
  [3, 6],
]);

describe('batchNorm in train mode', () => {
  it('normalizes with the batch mean and biased variance', () => {
    const { y } = batchNorm({ epsilon }).apply(params, state, x, { mode: 'train' });
    const a = 1 / Math.sqrt(1 + epsilon);
    const b = 2 / Math.sqrt(4 + epsilon);
    // The kernel sums in float64 and divides once, so entries match within a few ulps.
    expectClose(toArray(y), [-2 * a, 1 - b, 2 * a, 1 + b], 1e-15);
  });

  it('updates the running statistics with momentum 0.9 and the unbiased variance', () => {
    const next = batchNorm().apply(params, state, x, { mode: 'train' }).state;
    // 0.9 · 0 + 0.1 · [2, 4] and 0.9 · 1 + 0.1 · [2, 8], rounded once each in float64.
    expectClose(toArray(next.runningMean), [0.2, 0.4], 1e-15);
    expectClose(toArray(next.runningVariance), [1.1, 1.7], 1e-15);
    expect(toArray(state.runningMean)).toEqual([0, 0]);
  });

  it('weighs the old statistics by momentum', () => {
    const next = batchNorm({ momentum: 0.5 }).apply(params, state, x, { mode: 'train' }).state;
    expect(toArray(next.runningMean)).toEqual([1, 2]);
    expect(toArray(next.runningVariance)).toEqual([1.5, 4.5]);
  });

  it('has input gradients that sum to 0 per column', () => {
    // y is unchanged when a whole column of x is shifted by a constant, so Σ_rows dx = 0.
    fc.assert(
      fc.property(matrixArbitrary(fc.integer({ min: 2, max: 6 }), fc.constant(3)), (input) => {
        const p = { gamma: f64([1, 2, 3]), beta: f64([0, 0, 0]) };
        const s = { runningMean: f64([0, 0, 0]), runningVariance: f64([1, 1, 1]) };
        const applied = batchNorm().apply(p, s, input, { mode: 'train' });
        const dy = applied.y;
        const dx = toNested(applied.backward(dy).dx) as number[][];
        for (let c = 0; c < 3; c++) {
          const column = dx.map((row) => row[c] as number);
          const scale = column.reduce((acc, v) => acc + Math.abs(v), 1);
          // Sums of ≤ 6 float64 terms cancel to within 1e-12 of their magnitude.
          expect(Math.abs(column.reduce((acc, v) => acc + v, 0))).toBeLessThan(1e-12 * scale);
        }
      }),
    );
  });

  it('matches central differences for x, gamma and beta', () => {
    const layer = batchNorm();
    const input = f64([
      [0.3, -1.2, 2.0],
      [1.1, 0.4, -0.7],
      [-0.8, 0.9, 0.5],
      [0.2, -0.3, 1.6],
    ]);
    const p = { gamma: f64([1.5, -0.5, 0.8]), beta: f64([0.1, 0.2, -0.3]) };
    const s = { runningMean: f64([0, 0, 0]), runningVariance: f64([1, 1, 1]) };
    const r = f64([
      [0.5, -1, 2],
      [1, 0.3, -0.2],
      [-0.7, 0.1, 0.9],
      [0.4, -0.6, 1.1],
    ]);
    const loss = (pp: BatchNormParams, xx: FloatTensor): number =>
      project(layer.apply(pp, s, xx, { mode: 'train' }).y, r);
    const { dx, grads } = layer.apply(p, s, input, { mode: 'train' }).backward(r);
    // float64 central differences with h = 1e-6 are accurate to about 1e-9 here.
    expectClose(
      toArray(dx),
      centralDifference(input, (xx) => loss(p, xx)),
      1e-7,
    );
    expectClose(
      toArray(grads.gamma),
      centralDifference(p.gamma, (g) => loss({ ...p, gamma: g }, input)),
      1e-7,
    );
    expectClose(
      toArray(grads.beta),
      centralDifference(p.beta, (b) => loss({ ...p, beta: b }, input)),
      1e-7,
    );
  });

  it('skips the input gradient on request with the same param grads', () => {
    const applied = batchNorm().apply(params, state, x, { mode: 'train' });
    const dy = f64([
      [1, -2],
      [0.5, 3],
    ]);
    const skipped = applied.backward(dy, { inputGrad: false });
    const full = applied.backward(dy);
    expect(skipped.dx.shape).toEqual([0]);
    expectClose(toArray(skipped.grads.gamma), toArray(full.grads.gamma), 1e-15);
    expectClose(toArray(skipped.grads.beta), toArray(full.grads.beta), 1e-15);
  });

  it('rejects a batch of one sample', () => {
    const apply = () => batchNorm().apply(params, state, f64([[1, 2]]), { mode: 'train' });
    expect(apply).toThrow(ShapeError);
    expect(apply).toThrow(
      /at least 2 rows in 'train' mode \(got 1\).*Use a batch of at least 2 or 'infer' mode\./,
    );
  });
});

describe('batchNorm in infer mode', () => {
  const running: BatchNormState = { runningMean: f64([1, 2]), runningVariance: f64([4, 9]) };

  it('normalizes with the running statistics', () => {
    const { y } = batchNorm({ epsilon }).apply(params, running, x, { mode: 'infer' });
    const a = 1 / Math.sqrt(4 + epsilon);
    const b = 1 / Math.sqrt(9 + epsilon);
    expectClose(toArray(y), [0, 1, 2 * 2 * a, 1 + 4 * b], 1e-15);
  });

  it('returns the same state object', () => {
    const applied = batchNorm().apply(params, running, x, { mode: 'infer' });
    expect(applied.state).toBe(running);
  });

  it('accepts a batch of one sample', () => {
    const { y } = batchNorm().apply(params, running, f64([[1, 2]]), { mode: 'infer' });
    expect(y.shape).toEqual([1, 2]);
  });

  it('treats the statistics as constants in backward', () => {
    const { dx, grads } = batchNorm({ epsilon })
      .apply(params, running, x, { mode: 'infer' })
      .backward(
        f64([
          [1, 1],
          [1, 1],
        ]),
      );
    const a = 1 / Math.sqrt(4 + epsilon);
    const b = 1 / Math.sqrt(9 + epsilon);
    expectClose(toArray(dx), [2 * a, b, 2 * a, b], 1e-15);
    expectClose(toArray(grads.gamma), [(0 + 2) * a, (0 + 4) * b], 1e-15);
    expect(toArray(grads.beta)).toEqual([2, 2]);
  });
});

describe('batchNorm options and init', () => {
  it('initializes gamma ones, beta zeros and the running statistics', () => {
    const init = batchNorm().init(key(0), [3], { dtype: 'float64' });
    expect(toArray(init.params.gamma)).toEqual([1, 1, 1]);
    expect(toArray(init.params.beta)).toEqual([0, 0, 0]);
    expect(toArray(init.state.runningMean)).toEqual([0, 0, 0]);
    expect(toArray(init.state.runningVariance)).toEqual([1, 1, 1]);
    expect(init.params.gamma.dtype).toBe('float64');
    expect(init.outputShape).toEqual([3]);
  });

  it('stores its settings in config', () => {
    expect(batchNorm().config).toEqual({ kind: 'batchNorm', momentum: 0.9, epsilon: 1e-5 });
  });

  it.each([1, -0.1, 1.5, NaN])('rejects momentum %s', (momentum) => {
    expect(() => batchNorm({ momentum })).toThrow(InvalidArgumentError);
    expect(() => batchNorm({ momentum })).toThrow(/momentum must be a number in \[0, 1\)/);
  });

  it('accepts momentum 0', () => {
    const next = batchNorm({ momentum: 0 }).apply(params, state, x, { mode: 'train' }).state;
    expect(toArray(next.runningMean)).toEqual([2, 4]);
  });

  it.each([0, -1e-5, Infinity, NaN])('rejects epsilon %s', (eps) => {
    expect(() => batchNorm({ epsilon: eps })).toThrow(
      /epsilon must be a finite number greater than 0/,
    );
  });

  it('rejects an unknown mode', () => {
    const ctx = { mode: 'eval' } as unknown as { mode: 'train' };
    expect(() => batchNorm().apply(params, state, x, ctx)).toThrow(
      /ctx.mode must be 'train' or 'infer'/,
    );
  });

  it('rejects an input with another feature count', () => {
    const apply = () =>
      batchNorm().apply(
        params,
        state,
        f64([
          [1, 2, 3],
          [4, 5, 6],
        ]),
        { mode: 'train' },
      );
    expect(apply).toThrow(/x must have 2 features, as gamma \[2\] expects \(got 3/);
  });

  it('rejects running statistics of the wrong length', () => {
    const bad = { ...state, runningVariance: f64([1]) };
    expect(() => batchNorm().apply(params, bad, x, { mode: 'train' })).toThrow(
      /runningVariance must have shape \[2\] \(got \[1\]\)/,
    );
  });
});

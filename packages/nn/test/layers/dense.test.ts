import { key, tensor, toArray, toNested, uniform, type FloatTensor } from '@puregrad/tensor';
import { dense, type ActivationName, type Mode } from '@puregrad/nn';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectGradientsMatch } from '../helpers/gradients.js';
import { expectClose, f64, matrixArbitrary } from '../helpers/numeric.js';

type Record = { readonly [name: string]: FloatTensor };

describe('dense', () => {
  it('batch-normalizes, multiplies and activates (hand case)', () => {
    const layer = dense({ units: 1, activation: 'relu', batchNorm: { epsilon: 1e-5 } });
    const params = {
      gamma: f64([1, 1]),
      beta: f64([0, 0]),
      weight: f64([[1, -1]]),
      bias: f64([0.5]),
    };
    const state = { runningMean: f64([0, 0]), runningVariance: f64([1, 1]) };
    // Both columns normalize to [−a, a] with a = 1/√(1 + ε); z = x̂₀ − x̂₁ + 0.5 = 0.5 in both rows.
    const x = f64([
      [1, 10],
      [3, 12],
    ]);
    const { y } = layer.apply(params, state, x, { mode: 'train' });
    expect(toNested(y)).toEqual([[0.5], [0.5]]);
  });

  it('computes sigmoid(X Wᵀ + b) without batch norm (hand case)', () => {
    const layer = dense({ units: 2, activation: 'sigmoid', batchNorm: false });
    const params = {
      weight: f64([
        [0, 0],
        [1, 0],
      ]),
      bias: f64([0, 0]),
    };
    const { y } = layer.apply(params, {}, f64([[Math.log(3), 5]]), { mode: 'infer' });
    const [first, second] = toArray(y);
    expect(first).toBe(0.5);
    expect(Math.abs((second as number) - 0.75)).toBeLessThan(1e-15);
  });

  it('names params and state as checkpoints do', () => {
    const init = dense({ units: 3 }).init(key(0), [4]);
    expect(Object.keys(init.params)).toEqual(['gamma', 'beta', 'weight', 'bias']);
    expect(Object.keys(init.state)).toEqual(['runningMean', 'runningVariance']);
    expect(init.params.gamma.shape).toEqual([4]);
    expect(init.params.weight.shape).toEqual([3, 4]);
    expect(init.params.bias.shape).toEqual([3]);
    expect(init.outputShape).toEqual([3]);
    const plain = dense({ units: 3, batchNorm: false }).init(key(0), [4]);
    expect(Object.keys(plain.params)).toEqual(['weight', 'bias']);
    expect(plain.state).toEqual({});
  });

  it('draws He-normal weights for relu and Glorot-uniform for sigmoid', () => {
    const he = toArray(
      dense({ units: 200 }).init(key(3), [300], { dtype: 'float64' }).params.weight,
    );
    const glorot = toArray(
      dense({ units: 200, activation: 'sigmoid' }).init(key(3), [300], { dtype: 'float64' }).params
        .weight,
    );
    const rms = (w: number[]) => Math.sqrt(w.reduce((s, v) => s + v * v, 0) / w.length);
    // 60000 draws each: sample RMS within 2% of √(2/300) and of the uniform's l/√3 (errors ≈ 0.4%).
    expect(Math.abs(rms(he) / Math.sqrt(2 / 300) - 1)).toBeLessThan(0.02);
    expect(Math.abs(rms(glorot) / (Math.sqrt(6 / 500) / Math.sqrt(3)) - 1)).toBeLessThan(0.02);
    expect(Math.max(...glorot.map(Math.abs))).toBeLessThan(Math.sqrt(6 / 500));
  });

  it('writes its config', () => {
    expect(dense({ units: 2 }).config).toEqual({
      kind: 'dense',
      units: 2,
      activation: 'relu',
      batchNorm: { momentum: 0.9, epsilon: 1e-5 },
      init: 'heNormal',
    });
    expect(dense({ units: 2, activation: 'leakyRelu', batchNorm: false }).config).toEqual({
      kind: 'dense',
      units: 2,
      activation: { name: 'leakyRelu', slope: 0.01 },
      batchNorm: null,
      init: 'heNormal',
    });
    expect(dense({ units: 2, activation: 'identity', init: 'uniformFanIn' }).config).toMatchObject({
      init: 'uniformFanIn',
    });
    expect(dense({ units: 2, activation: 'identity' }).config).toMatchObject({
      init: 'glorotUniform',
    });
  });

  it('exposes the pre-activation z', () => {
    const layer = dense({ units: 2, activation: 'tanh', batchNorm: false });
    const params = {
      weight: f64([
        [1, 0],
        [0, 1],
      ]),
      bias: f64([1, 1]),
    };
    const applied = layer.apply(params, {}, f64([[1, 2]]), { mode: 'train' });
    expect(applied.preActivations?.length).toBe(1);
    expect(applied.preActivations?.[0]?.activation.name).toBe('tanh');
    expect(toNested(applied.preActivations![0]!.z)).toEqual([[2, 3]]);
  });

  it('rejects an input with another feature count, naming both counts', () => {
    const layer = dense({ units: 2 });
    const { params, state } = layer.init(key(0), [3]);
    const apply = () =>
      layer.apply(
        params,
        state,
        tensor([
          [1, 2],
          [3, 4],
        ]) as FloatTensor,
        { mode: 'train' },
      );
    expect(apply).toThrow(
      /x must have 3 features, as gamma \[3\] expects \(got 2 in x of shape \[2, 2\]\)/,
    );
  });

  it('rejects invalid options when built', () => {
    expect(() => dense({ units: 2.5 })).toThrow(
      /^dense: units must be a positive integer \(got 2.5\)/,
    );
    expect(() => dense({ units: 2, batchNorm: { momentum: 1 } })).toThrow(
      /^dense: momentum must be/,
    );
    expect(() => dense({ units: 2, batchNorm: { epsilon: 0 } })).toThrow(/^dense: epsilon must be/);
    expect(() => dense({ units: 2, activation: 'swish' as ActivationName })).toThrow(
      /^dense: activation must be one of/,
    );
  });
});

const smooth: ActivationName[] = ['sigmoid', 'tanh', 'identity', 'softmax'];
const modes: Mode[] = ['train', 'infer'];

describe.each(modes)('dense gradients in %s mode', (mode) => {
  // Rows in [−2, 2] with a spread of at least 0.3 per column keep batch norm well conditioned,
  // so float64 central differences (h = 1e-6) are accurate to about 1e-8 relative.
  const inputs = matrixArbitrary(
    fc.integer({ min: 2, max: 5 }),
    fc.integer({ min: 1, max: 4 }),
    2,
  ).filter((x) => spreadOfColumns(x) >= 0.3);

  it.each(smooth)('match central differences with %s', (activationName) => {
    fc.assert(
      fc.property(inputs, fc.integer({ min: 1, max: 3 }), fc.nat(1000), (x, units, seed) => {
        const layer = dense({ units, activation: activationName });
        const init = layer.init(key(seed), [x.shape[1] as number], { dtype: 'float64' });
        // In 'infer' mode, running statistics near the batch's keep x̂ of order 1.
        const runningMean = f64(columnMeans(x));
        const runningVariance = f64(columnMeans(x).map(() => 1.5));
        const state = mode === 'infer' ? { runningMean, runningVariance } : init.state;
        expectGradientsMatch(layer as never, init.params as Record, state as Record, x, mode, 1e-6);
      }),
      { numRuns: 30 },
    );
  });

  it('match central differences with relu away from its kink', () => {
    fc.assert(
      fc.property(inputs, fc.nat(1000), (x, seed) => {
        const layer = dense({ units: 3, activation: 'relu' });
        const init = layer.init(key(seed), [x.shape[1] as number], { dtype: 'float64' });
        const z = layer.apply(init.params, init.state, x, { mode }).preActivations![0]!.z;
        // A pre-activation within 1e-4 of 0 could cross the kink between x − h and x + h.
        fc.pre(toArray(z).every((v) => Math.abs(v) > 1e-4));
        expectGradientsMatch(
          layer as never,
          init.params as Record,
          init.state as Record,
          x,
          mode,
          1e-6,
        );
      }),
      { numRuns: 30 },
    );
  });

  it('match central differences without batch norm', () => {
    fc.assert(
      fc.property(inputs, fc.nat(1000), (x, seed) => {
        const layer = dense({ units: 2, activation: 'sigmoid', batchNorm: false });
        const init = layer.init(key(seed), [x.shape[1] as number], { dtype: 'float64' });
        expectGradientsMatch(layer as never, init.params as Record, {}, x, mode, 1e-6);
      }),
      { numRuns: 20 },
    );
  });

  it('give the same param grads when the input gradient is skipped', () => {
    fc.assert(
      fc.property(inputs, fc.integer({ min: 1, max: 4 }), fc.nat(1000), (x, units, seed) => {
        const layer = dense({ units, activation: 'tanh' });
        const init = layer.init(key(seed), [x.shape[1] as number], { dtype: 'float64' });
        const applied = layer.apply(init.params, init.state, x, { mode });
        const dy = applied.y;
        const full = applied.backward(dy);
        const skipped = applied.backward(dy, { inputGrad: false });
        expect(skipped.dx.shape).toEqual([0]);
        for (const name of ['gamma', 'beta', 'weight', 'bias'] as const) {
          // The skipping path sums the same float64 products in another order: ≤ 20 terms of
          // size ≤ 10 agree within about 1e-14.
          expectClose(toArray(skipped.grads[name]), toArray(full.grads[name]), 1e-12);
        }
      }),
      { numRuns: 50 },
    );
  });
});

describe('dense skipping the input gradient in float32', () => {
  it('matches the full backward', () => {
    const layer = dense({ units: 16, activation: 'tanh' });
    const init = layer.init(key(4), [24]);
    const x = uniform(key(5), [32, 24], { dtype: 'float32', low: -2, high: 2 }) as FloatTensor;
    const applied = layer.apply(init.params, init.state, x, { mode: 'train' });
    const full = applied.backward(applied.y);
    const skipped = applied.backward(applied.y, { inputGrad: false });
    for (const name of ['gamma', 'beta', 'weight', 'bias'] as const) {
      // Both paths round float32 products and sums of up to 32 · 16 terms: a relative error of
      // about 512 · 2⁻²⁴ ≈ 3e-5 of the terms' magnitude at worst, far less in practice.
      const scale = Math.max(...toArray(full.grads[name]).map(Math.abs));
      const error = Math.max(
        ...toArray(skipped.grads[name]).map((v, i) => Math.abs(v - toArray(full.grads[name])[i]!)),
      );
      expect(error).toBeLessThan(3e-5 * Math.max(1, scale));
    }
  });
});

function columnMeans(x: FloatTensor): number[] {
  const [rows, cols] = x.shape as [number, number];
  return Array.from({ length: cols }, (_, c) => {
    let total = 0;
    for (let r = 0; r < rows; r++) total += x.data[r * cols + c] as number;
    return total / rows;
  });
}

function spreadOfColumns(x: FloatTensor): number {
  const [rows, cols] = x.shape as [number, number];
  let smallest = Infinity;
  for (let c = 0; c < cols; c++) {
    const column = Array.from({ length: rows }, (_, r) => x.data[r * cols + c] as number);
    smallest = Math.min(smallest, Math.max(...column) - Math.min(...column));
  }
  return smallest;
}

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { key, tensor, uniform, type FloatTensor, type Tree } from '@puregrad/tensor';
import {
  assertGradients,
  checkGradients,
  formatGradientReport,
  GradientCheckError,
  tensorArbitrary,
} from '@puregrad/check';
import { toyAffine, toyRelu, toySquaredError, type AffineParams } from './toyLayers.js';

const params: AffineParams = {
  weight: tensor(
    [
      [0.5, -1, 2],
      [1.5, 0.25, -0.75],
    ],
    { dtype: 'float64' },
  ),
  bias: tensor([0.1, -0.2], { dtype: 'float64' }),
};
const input = tensor(
  [
    [1, 2, 3],
    [-1, 0.5, 0],
    [0.3, -0.6, 0.9],
    [2, 1, -1],
  ],
  { dtype: 'float64' },
);
const noState: Tree = {};

describe('checkGradients on a layer', () => {
  it('passes a correct affine layer', () => {
    const report = checkGradients({
      layer: toyAffine(),
      params,
      state: noState,
      input,
      mode: 'train',
    });

    expect(report.ok).toBe(true);
    // 12 input elements, 6 weights and 2 biases.
    expect(report.checked).toBe(20);
    expect(report.failures).toEqual([]);
    expect(report.excused).toEqual([]);
  });

  it('names the input when dx is wrong', () => {
    const layer = toyAffine('doubleInputGrad');
    const report = checkGradients({ layer, params, state: noState, input, mode: 'infer' });

    expect(report.ok).toBe(false);
    expect(report.worst?.path).toBe('input');
    expect(report.failures.every((entry) => entry.path === 'input')).toBe(true);
  });

  it('names the param and index when a grad is wrong', () => {
    const layer = toyAffine('dropBiasGrad');
    const report = checkGradients({ layer, params, state: noState, input, mode: 'infer' });

    expect(report.ok).toBe(false);
    expect(report.worst?.path).toBe('params.bias');
    expect(report.failures.map((entry) => entry.index)).toEqual(expect.arrayContaining([[0], [1]]));
    expect(formatGradientReport(report)).toMatch(/worst params\.bias\[[01]\]/);
  });

  it('passes random affine layers', () => {
    // Property: for any weights and inputs in [-3, 3] the correct layer passes at 1e-6.
    const cases = fc.record({
      weight: tensorArbitrary({ shape: [3, 4], min: -3, max: 3 }),
      bias: tensorArbitrary({ shape: [3], min: -3, max: 3 }),
      x: tensorArbitrary({ shape: [5, 4], min: -3, max: 3 }),
    });
    fc.assert(
      fc.property(cases, ({ weight, bias, x }) => {
        const report = checkGradients({
          layer: toyAffine(),
          params: { weight, bias },
          state: noState,
          input: x,
          mode: 'train',
        });
        expect(report.ok).toBe(true);
      }),
      { numRuns: 30 },
    );
  });

  it('projects with weights drawn from the key', () => {
    const layer = toyAffine('doubleInputGrad');
    const first = checkGradients({
      layer,
      params,
      state: noState,
      input,
      mode: 'train',
      key: key(1),
    });
    const second = checkGradients({
      layer,
      params,
      state: noState,
      input,
      mode: 'train',
      key: key(2),
    });

    expect(first.worst?.analytic).not.toBe(second.worst?.analytic);
  });
});

describe('checkGradients at kinks', () => {
  // Element [0, 1] sits at the kink, so its central difference averages the two slopes.
  const atKink = tensor(
    [
      [1, 0, -2],
      [0.5, -0.5, 3],
    ],
    { dtype: 'float64' },
  );

  it('fails a kink without a probe', () => {
    const report = checkGradients({
      layer: toyRelu(),
      params: noState,
      state: noState,
      input: atKink,
      mode: 'train',
    });

    expect(report.ok).toBe(false);
    expect(report.worst?.index).toEqual([0, 1]);
  });

  it('excuses a kink the probe sees', () => {
    const report = checkGradients({
      layer: toyRelu(),
      params: noState,
      state: noState,
      input: atKink,
      mode: 'train',
      preActivations: (_params, _state, x) => [x],
    });

    expect(report.ok).toBe(true);
    expect(report.excused).toHaveLength(1);
    expect(report.excused[0]?.index).toEqual([0, 1]);
    expect(report.excused[0]?.reason).toContain('[0, 1]');
  });

  it('excuses nothing away from kinks', () => {
    const away = tensor(
      [
        [1, 0.01, -2],
        [0.5, -0.5, 3],
      ],
      { dtype: 'float64' },
    );
    const report = checkGradients({
      layer: toyRelu(),
      params: noState,
      state: noState,
      input: away,
      mode: 'train',
      preActivations: (_params, _state, x) => [x],
    });

    expect(report.ok).toBe(true);
    expect(report.excused).toEqual([]);
  });
});

describe('checkGradients on a loss', () => {
  const predictions = uniform(key(3), [4, 3], { dtype: 'float64', low: -2, high: 2 });
  const targets = uniform(key(4), [4, 3], { dtype: 'float64', low: -2, high: 2 });

  it('passes a correct loss', () => {
    const report = checkGradients({ loss: toySquaredError(), predictions, targets });

    expect(report.ok).toBe(true);
    // valueAndGradient and derivative are each compared on all 12 elements.
    expect(report.checked).toBe(24);
  });

  it('flags a loss that divides by m twice', () => {
    const report = checkGradients({ loss: toySquaredError(true), predictions, targets });

    expect(report.ok).toBe(false);
    const paths = new Set(report.failures.map((entry) => entry.path));
    expect(paths).toEqual(new Set(['predictions', 'derivative']));
  });

  it('checks a layer followed by a loss', () => {
    const x = uniform(key(5), [4, 3], { dtype: 'float64', low: -2, high: 2 });
    const stack = { layer: toyAffine(), params, state: noState, input: x, mode: 'train' as const };
    const y = uniform(key(6), [4, 2], { dtype: 'float64' }) as FloatTensor;

    expect(checkGradients({ ...stack, loss: toySquaredError(), targets: y }).ok).toBe(true);
    expect(checkGradients({ ...stack, loss: toySquaredError(true), targets: y }).ok).toBe(false);
  });
});

describe('assertGradients', () => {
  it('throws with the worst location', () => {
    const layer = toyAffine('dropBiasGrad');
    const run = () => assertGradients({ layer, params, state: noState, input, mode: 'infer' });

    expect(run).toThrow(GradientCheckError);
    expect(run).toThrow(/worst params\.bias\[\d\]: analytic 0, numeric/);
  });

  it('returns the report when all pass', () => {
    const report = assertGradients({
      layer: toyAffine(),
      params,
      state: noState,
      input,
      mode: 'infer',
    });

    expect(report.ok).toBe(true);
  });

  it('rejects kinks when asked', () => {
    const check = {
      layer: toyRelu(),
      params: noState,
      state: noState,
      input: tensor([[0, 1]], { dtype: 'float64' }),
      mode: 'train' as const,
      preActivations: (_p: Tree, _s: Tree, x: FloatTensor) => [x],
    };

    expect(assertGradients(check).excused).toHaveLength(1);
    expect(() => assertGradients(check, { rejectKinks: true })).toThrow(/excused as a kink/);
  });

  it('rejects a step that is not positive', () => {
    const run = () =>
      checkGradients({ layer: toyAffine(), params, state: noState, input, mode: 'infer', step: 0 });

    expect(run).toThrow(/step must be a positive finite number \(got 0\)/);
  });
});

describe('checkGradients on grads trees', () => {
  const reorder = (mistake: 'none' | 'extra' | 'missing') => {
    const layer = toyAffine();
    return {
      ...layer,
      apply: (...args: Parameters<typeof layer.apply>) => {
        const applied = layer.apply(...args);
        return {
          ...applied,
          backward: (dy: FloatTensor) => {
            const { dx, grads } = applied.backward(dy);
            if (mistake === 'missing')
              return { dx, grads: { weight: grads.weight } as AffineParams };
            const extra = mistake === 'extra' ? { scale: grads.bias } : {};
            // Keys in another order than params: bias first, then weight.
            return { dx, grads: { bias: grads.bias, weight: grads.weight, ...extra } };
          },
        };
      },
    };
  };

  it('pairs grads by name, not order', () => {
    const report = checkGradients({
      layer: reorder('none'),
      params,
      state: noState,
      input,
      mode: 'infer',
    });

    expect(report.ok).toBe(true);
  });

  it('rejects a missing grad', () => {
    const run = () =>
      checkGradients({ layer: reorder('missing'), params, state: noState, input, mode: 'infer' });

    expect(run).toThrow('checkGradients: a gradient for params.bias is missing.');
  });

  it('rejects an extra grad', () => {
    const run = () =>
      checkGradients({ layer: reorder('extra'), params, state: noState, input, mode: 'infer' });

    expect(run).toThrow(/got params\.scale in addition/);
  });
});

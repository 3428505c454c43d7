import {
  DTypeError,
  InvalidArgumentError,
  key,
  ShapeError,
  tensor,
  toArray,
  toNested,
  type FloatTensor,
} from '@puregrad/tensor';
import { linear } from '@puregrad/nn';
import { describe, expect, it } from 'vitest';
import { f64 } from '../helpers/numeric.js';

const train = { mode: 'train' } as const;
const params = {
  weight: f64([
    [1, 0],
    [0, 1],
    [1, 1],
  ]),
  bias: f64([0.5, -0.5, 0]),
};
const x = f64([
  [1, 2],
  [3, 4],
]);

describe('linear', () => {
  it('computes X Wᵀ + b', () => {
    const { y } = linear({ units: 3 }).apply(params, {}, x, train);
    expect(toNested(y)).toEqual([
      [1.5, 1.5, 3],
      [3.5, 3.5, 7],
    ]);
  });

  it('computes dX = dZ W, dW = dZᵀ X and db', () => {
    const { backward } = linear({ units: 3 }).apply(params, {}, x, train);
    const { dx, grads } = backward(
      f64([
        [1, 0, 0],
        [0, 1, 0],
      ]),
    );
    expect(toNested(dx)).toEqual([
      [1, 0],
      [0, 1],
    ]);
    expect(toNested(grads.weight)).toEqual([
      [1, 2],
      [3, 4],
      [0, 0],
    ]);
    expect(toNested(grads.bias)).toEqual([1, 1, 0]);
  });

  it('skips the input gradient on request', () => {
    const { backward } = linear({ units: 3 }).apply(params, {}, x, train);
    const dy = f64([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    const skipped = backward(dy, { inputGrad: false });
    const full = backward(dy);
    expect(skipped.dx.shape).toEqual([0]);
    expect(skipped.dx.dtype).toBe('float64');
    expect(toNested(skipped.grads.weight)).toEqual(toNested(full.grads.weight));
    expect(toNested(skipped.grads.bias)).toEqual(toNested(full.grads.bias));
  });

  it('initializes Glorot-uniform weights and a zero bias', () => {
    const inputs = 200;
    const units = 300;
    const layer = linear({ units });
    const init = layer.init(key(1), [inputs], { dtype: 'float64' });
    const limit = Math.sqrt(6 / (inputs + units));
    const weights = toArray(init.params.weight);
    expect(init.params.weight.shape).toEqual([units, inputs]);
    expect(init.outputShape).toEqual([units]);
    expect(Math.max(...weights)).toBeLessThan(limit);
    expect(Math.min(...weights)).toBeGreaterThanOrEqual(-limit);
    // 60000 draws: the sample variance of U(−l, l) is within 2% of l²/3 (its error is ~0.4%).
    const variance = weights.reduce((s, w) => s + w * w, 0) / weights.length;
    expect(Math.abs(variance / ((limit * limit) / 3) - 1)).toBeLessThan(0.02);
    expect(toArray(init.params.bias)).toEqual(new Array(units).fill(0));
  });

  it('initializes He-normal weights on request', () => {
    const init = linear({ units: 300, init: 'heNormal' }).init(key(2), [200], { dtype: 'float64' });
    const weights = toArray(init.params.weight);
    const std = Math.sqrt(weights.reduce((s, w) => s + w * w, 0) / weights.length);
    // 60000 normal draws: the sample std is within 2% of √(2/200) (its error is ~0.3%).
    expect(Math.abs(std / Math.sqrt(2 / 200) - 1)).toBeLessThan(0.02);
  });

  it('initializes uniformFanIn weights on request', () => {
    const init = linear({ units: 300, init: 'uniformFanIn' }).init(key(3), [200], {
      dtype: 'float64',
    });
    const weights = toArray(init.params.weight);
    const limit = 1 / Math.sqrt(200);
    expect(Math.max(...weights)).toBeLessThan(limit);
    expect(Math.min(...weights)).toBeGreaterThanOrEqual(-limit);
    // 60000 draws: the sample variance of U(−l, l) is within 2% of l²/3 (its error is ~0.4%).
    const variance = weights.reduce((s, w) => s + w * w, 0) / weights.length;
    expect(Math.abs(variance / ((limit * limit) / 3) - 1)).toBeLessThan(0.02);
  });

  it('draws the same params from the same key', () => {
    const layer = linear({ units: 4 });
    expect(toArray(layer.init(key(5), [3]).params.weight)).toEqual(
      toArray(layer.init(key(5), [3]).params.weight),
    );
    expect(layer.init(key(5), [3]).params.weight.dtype).toBe('float32');
  });

  it('rejects units that are not a positive integer', () => {
    for (const units of [0, -1, 1.5, NaN]) {
      expect(() => linear({ units })).toThrow(InvalidArgumentError);
    }
    expect(() => linear({ units: 0 })).toThrow(
      /^linear: units must be a positive integer \(got 0\)/,
    );
  });

  it('rejects an input with another feature count', () => {
    const apply = () => linear({ units: 3 }).apply(params, {}, f64([[1, 2, 3]]), train);
    expect(apply).toThrow(ShapeError);
    expect(apply).toThrow(
      /x must have 2 features, as weight \[3, 2\] expects \(got 3 in x of shape \[1, 3\]\)/,
    );
  });

  it('rejects an input of another dtype', () => {
    const apply = () =>
      linear({ units: 3 }).apply(params, {}, tensor([[1, 2]]) as FloatTensor, train);
    expect(apply).toThrow(DTypeError);
    expect(apply).toThrow(/got x float32, params float64/);
  });

  it('rejects a bias of the wrong length', () => {
    const bad = { ...params, bias: f64([0, 0]) };
    expect(() => linear({ units: 3 }).apply(bad, {}, x, train)).toThrow(
      /bias must have shape \[3\] \(got \[2\]\)/,
    );
  });

  it('rejects an input shape of two axes at init', () => {
    expect(() => linear({ units: 3 }).init(key(0), [2, 2])).toThrow(ShapeError);
  });

  it('rejects dy of the wrong shape', () => {
    const { backward } = linear({ units: 3 }).apply(params, {}, x, train);
    expect(() => backward(f64([[1, 2, 3]]))).toThrow(
      /dy must have the shape of the output \[2, 3\] \(got \[1, 3\]\)/,
    );
  });
});

import {
  InvalidArgumentError,
  key,
  split,
  toArray,
  type FloatTensor,
  type Tree,
} from '@puregrad/tensor';
import { activation, dense, linear, sequential } from '@puregrad/nn';
import { describe, expect, it } from 'vitest';
import { centralDifference, expectClose, f64, project } from '../helpers/numeric.js';

const x = f64([
  [0.5, -1, 2],
  [1.5, 0.2, -0.3],
  [-0.7, 1.1, 0.4],
]);

describe('sequential', () => {
  const first = dense({ units: 4, activation: 'tanh' });
  const second = dense({ units: 2, activation: 'identity', batchNorm: false });
  const model = sequential(first, second);

  it('initializes children in order with split keys', () => {
    const init = model.init(key(7), [3], { dtype: 'float64' });
    const [k1, k2] = split(key(7), 2);
    const one = first.init(k1!, [3], { dtype: 'float64' });
    const two = second.init(k2!, [4], { dtype: 'float64' });
    expect(init.outputShape).toEqual([2]);
    expect(init.params).toHaveLength(2);
    expect(toArray((init.params[0] as { weight: FloatTensor }).weight)).toEqual(
      toArray(one.params.weight),
    );
    expect(toArray((init.params[1] as { weight: FloatTensor }).weight)).toEqual(
      toArray(two.params.weight),
    );
  });

  it('equals applying its children in turn', () => {
    const { params, state } = model.init(key(1), [3], { dtype: 'float64' });
    const combined = model.apply(params, state, x, { mode: 'train' });
    const a = first.apply(params[0] as never, state[0] as never, x, { mode: 'train' });
    const b = second.apply(params[1] as never, state[1] as never, a.y, { mode: 'train' });
    expect(toArray(combined.y)).toEqual(toArray(b.y));
    expect(toArray((combined.state[0] as { runningMean: FloatTensor }).runningMean)).toEqual(
      toArray(a.state.runningMean),
    );
  });

  it('runs the children backward in reverse', () => {
    const { params, state } = model.init(key(1), [3], { dtype: 'float64' });
    const combined = model.apply(params, state, x, { mode: 'train' });
    const a = first.apply(params[0] as never, state[0] as never, x, { mode: 'train' });
    const b = second.apply(params[1] as never, state[1] as never, a.y, { mode: 'train' });
    const dy = f64([
      [1, -1],
      [0.5, 2],
      [-0.3, 0.1],
    ]);
    const back = b.backward(dy);
    const front = a.backward(back.dx);
    const { dx, grads } = combined.backward(dy);
    expect(toArray(dx)).toEqual(toArray(front.dx));
    expect(toArray((grads[0] as { gamma: FloatTensor }).gamma)).toEqual(toArray(front.grads.gamma));
    expect(toArray((grads[1] as { weight: FloatTensor }).weight)).toEqual(
      toArray(back.grads.weight),
    );
  });

  it('matches central differences for its input in train mode', () => {
    const { params, state } = model.init(key(2), [3], { dtype: 'float64' });
    const r = f64([
      [0.3, -0.8],
      [1.2, 0.4],
      [-0.5, 0.9],
    ]);
    const loss = (input: FloatTensor) =>
      project(model.apply(params, state, input, { mode: 'train' }).y, r);
    const { dx } = model.apply(params, state, x, { mode: 'train' }).backward(r);
    // float64 central differences with h = 1e-6 are accurate to about 1e-9 here.
    expectClose(toArray(dx), centralDifference(x, loss), 1e-7);
  });

  it('skips only the first child input gradient', () => {
    const { params, state } = model.init(key(1), [3], { dtype: 'float64' });
    const applied = model.apply(params, state, x, { mode: 'train' });
    const dy = applied.y;
    const skipped = applied.backward(dy, { inputGrad: false });
    const full = applied.backward(dy);
    expect(skipped.dx.shape).toEqual([0]);
    // The first dense skips dZ W and sums its param grads in another order (float64, 1e-12).
    expectClose(
      toArray((skipped.grads[0] as { gamma: FloatTensor }).gamma),
      toArray((full.grads[0] as { gamma: FloatTensor }).gamma),
      1e-12,
    );
    expect(toArray((skipped.grads[1] as { weight: FloatTensor }).weight)).toEqual(
      toArray((full.grads[1] as { weight: FloatTensor }).weight),
    );
  });

  it('returns the same state array in infer mode', () => {
    const { params, state } = model.init(key(1), [3]);
    const xf = { ...x, dtype: 'float32', data: Float32Array.from(x.data) } as FloatTensor;
    expect(model.apply(params, state, xf, { mode: 'infer' }).state).toBe(state);
    expect(model.apply(params, state, xf, { mode: 'train' }).state).not.toBe(state);
  });

  it('collects the children pre-activations in order', () => {
    const stack = sequential(linear({ units: 2 }), activation('relu'), activation('sigmoid'));
    const { params, state } = stack.init(key(0), [3], { dtype: 'float64' });
    const applied = stack.apply(params, state, x, { mode: 'train' });
    expect(applied.preActivations?.map((p) => p.activation.name)).toEqual(['relu', 'sigmoid']);
  });

  it('writes its children configs', () => {
    expect(sequential(linear({ units: 2 }), activation('relu')).config).toEqual({
      kind: 'sequential',
      layers: [
        { kind: 'linear', units: 2, init: 'glorotUniform' },
        { kind: 'activation', activation: 'relu' },
      ],
    });
  });

  it('rejects no layers', () => {
    expect(() => sequential()).toThrow(InvalidArgumentError);
  });

  it('rejects params with the wrong number of entries', () => {
    const { params, state } = model.init(key(1), [3], { dtype: 'float64' });
    const apply = () =>
      model.apply(params.slice(0, 1) as readonly Tree[], state, x, { mode: 'train' });
    expect(apply).toThrow(
      /params must be an array with one entry per layer, 2 in all \(got 1 entries\)/,
    );
  });
});

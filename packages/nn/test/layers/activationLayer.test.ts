import { key, toArray, toNested } from '@puregrad/tensor';
import { activation, leakyReluWithSlope, type ActivationName } from '@puregrad/nn';
import { describe, expect, it } from 'vitest';
import { f64 } from '../helpers/numeric.js';

describe('activation layer', () => {
  it('applies its function and has no params or state', () => {
    const layer = activation('relu');
    const init = layer.init(key(0), [3]);
    expect(init.params).toEqual({});
    expect(init.state).toEqual({});
    expect(init.outputShape).toEqual([3]);
    const { y, state } = layer.apply({}, {}, f64([[-1, 0, 2]]), { mode: 'train' });
    expect(toNested(y)).toEqual([[0, 0, 2]]);
    expect(state).toEqual({});
  });

  it('backpropagates through the vjp', () => {
    const applied = activation('relu').apply({}, {}, f64([[-1, 0, 2]]), { mode: 'train' });
    const { dx, grads } = applied.backward(f64([[5, 6, 7]]));
    expect(toNested(dx)).toEqual([[0, 0, 7]]);
    expect(grads).toEqual({});
  });

  it('backpropagates through softmax rows', () => {
    const applied = activation('softmax').apply({}, {}, f64([[0, 0]]), { mode: 'train' });
    // s = [1/2, 1/2]; dz = s ⊙ (dy − s·dy) = [1/2 · (1 − 1/2), 1/2 · (0 − 1/2)].
    expect(toArray(applied.backward(f64([[1, 0]])).dx)).toEqual([0.25, -0.25]);
  });

  it('skips the input gradient on request', () => {
    const applied = activation('tanh').apply({}, {}, f64([[1, 2]]), { mode: 'train' });
    expect(applied.backward(f64([[1, 1]]), { inputGrad: false }).dx.shape).toEqual([0]);
  });

  it('writes its activation into config', () => {
    expect(activation('sigmoid').config).toEqual({ kind: 'activation', activation: 'sigmoid' });
    expect(activation(leakyReluWithSlope(0.1)).config).toEqual({
      kind: 'activation',
      activation: { name: 'leakyRelu', slope: 0.1 },
    });
  });

  it('rejects an unknown activation when built', () => {
    expect(() => activation('elu' as ActivationName)).toThrow(
      /^activation: activation must be one of/,
    );
  });

  it('rejects dy of another shape', () => {
    const applied = activation('relu').apply({}, {}, f64([[1, 2]]), { mode: 'train' });
    expect(() => applied.backward(f64([[1, 2, 3]]))).toThrow(
      /dy must have the shape of the output \[1, 2\]/,
    );
  });
});

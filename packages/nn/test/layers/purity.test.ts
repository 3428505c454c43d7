import { key, toArray, type FloatTensor, type Tree } from '@puregrad/tensor';
import {
  activation,
  batchNorm,
  dense,
  linear,
  sequential,
  type Layer,
  type Mode,
} from '@puregrad/nn';
import { describe, expect, it } from 'vitest';
import { f64 } from '../helpers/numeric.js';

/** Returns every tensor leaf of a tree as plain arrays, to compare before and after a call. */
function leaves(tree: Tree): { shape: number[]; data: number[] }[] {
  if ('dtype' in tree && 'data' in tree) {
    const x = tree as FloatTensor;
    return [{ shape: [...x.shape], data: Array.from(x.data) }];
  }
  return Object.values(tree as Record<string, Tree>).flatMap(leaves);
}

const layers: [string, Layer][] = [
  ['linear', linear({ units: 2 })],
  ['batchNorm', batchNorm()],
  ['relu', activation('relu')],
  ['softmax', activation('softmax')],
  ['dense', dense({ units: 2, activation: 'sigmoid' })],
  ['dense without batch norm', dense({ units: 2, batchNorm: false })],
  ['sequential', sequential(dense({ units: 4, activation: 'tanh' }), dense({ units: 2 }))],
];
const modes: Mode[] = ['train', 'infer'];

const x1 = f64([
  [0.5, -1, 2],
  [1.5, 0.2, -0.3],
  [-0.7, 1.1, 0.4],
]);
const x2 = f64([
  [3, 1, -2],
  [0.1, -0.9, 0.8],
  [2.2, 0.5, 1.4],
]);

describe.each(layers)('%s purity', (_name, layer) => {
  const { params, state } = layer.init(key(3), [3], { dtype: 'float64' });

  it.each(modes)('leaves params, state, x and dy unchanged in %s mode', (mode) => {
    const before = [leaves(params), leaves(state), leaves(x1)];
    const applied = layer.apply(params, state, x1, { mode });
    const dy = applied.y;
    const dyBefore = leaves(dy);
    applied.backward(dy);
    applied.backward(dy, { inputGrad: false });
    expect([leaves(params), leaves(state), leaves(x1)]).toEqual(before);
    expect(leaves(dy)).toEqual(dyBefore);
  });

  it.each(modes)('keeps an old backward valid after later applies in %s mode', (mode) => {
    const first = layer.apply(params, state, x1, { mode });
    const dy = first.y;
    const answer = first.backward(dy);
    const expected = [toArray(answer.dx), leaves(answer.grads)];

    const second = layer.apply(params, first.state, x2, { mode });
    second.backward(second.y);
    layer.apply(params, second.state, x1, { mode }).backward(dy);

    const again = first.backward(dy);
    expect([toArray(again.dx), leaves(again.grads)]).toEqual(expected);
  });

  it('returns the same state object in infer mode', () => {
    expect(layer.apply(params, state, x1, { mode: 'infer' }).state).toBe(state);
  });
});

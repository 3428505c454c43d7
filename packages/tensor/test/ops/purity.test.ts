import { describe, expect, it } from 'vitest';
import {
  add,
  argmax,
  cast,
  concatRows,
  div,
  exp,
  gather,
  globalNorm,
  log,
  map,
  matmul,
  max,
  mean,
  mul,
  neg,
  oneHot,
  reshape,
  sliceRows,
  sqrt,
  sub,
  sum,
  tensor,
  toArray,
  toNested,
  transpose,
  treeLeaves,
  treeMap,
  variance,
  type FloatTensor,
  type Tensor,
} from '@puregrad/tensor';

/** Copies a tensor's dtype, shape and elements so a later comparison detects any write. */
function snapshot(x: Tensor): { dtype: string; shape: number[]; data: number[] } {
  return { dtype: x.dtype, shape: [...x.shape], data: Array.from(x.data) };
}

const a = tensor(
  [
    [1, -2, 3],
    [4, 5, -6],
  ],
  { dtype: 'float64' },
) as FloatTensor;
const b = tensor(
  [
    [0.5, 2, 1],
    [3, -1, 2],
  ],
  { dtype: 'float64' },
) as FloatTensor;
const row = tensor([1, 2, 3], { dtype: 'float64' }) as FloatTensor;
const column = tensor([[2], [3]], { dtype: 'float64' }) as FloatTensor;
const positive = tensor([[1, 4, 9]], { dtype: 'float64' }) as FloatTensor;
const tall = tensor(
  [
    [1, 2],
    [3, 4],
    [5, 6],
  ],
  { dtype: 'float64' },
) as FloatTensor;
const indices = tensor([1, 0, 1], { dtype: 'int32' });

// Every op, each called on the shared inputs above; the suite checks none of them changes.
const OPS: [string, () => unknown][] = [
  ['matmul', () => matmul(a, b, { transposeB: true })],
  ['matmul transposeA', () => matmul(a, b, { transposeA: true })],
  ['matmul both', () => matmul(a, tall, { transposeA: true, transposeB: true })],
  ['add same shape', () => add(a, b)],
  ['add row', () => add(a, row)],
  ['sub column', () => sub(a, column)],
  ['mul scalar', () => mul(a, 3)],
  ['div scalar first', () => div(2, b)],
  ['map', () => map(a, (v) => v * v)],
  ['exp', () => exp(a)],
  ['log', () => log(positive)],
  ['sqrt', () => sqrt(positive)],
  ['neg', () => neg(a)],
  ['cast', () => cast(a, 'int32')],
  ['sum', () => sum(a)],
  ['sum axis 0', () => sum(a, 0)],
  ['mean axis 1', () => mean(a, 1, { keepDims: true })],
  ['variance', () => variance(a, 0, { unbiased: true })],
  ['max', () => max(a)],
  ['argmax', () => argmax(a)],
  ['reshape', () => reshape(a, [3, 2])],
  ['transpose', () => transpose(a)],
  ['gather', () => gather(a, indices)],
  ['sliceRows', () => sliceRows(a, 1)],
  ['concatRows', () => concatRows([a, b])],
  ['oneHot', () => oneHot(indices, 2)],
  [
    'treeMap',
    () => treeMap((x: FloatTensor, y: FloatTensor) => add(x, y), [a, { b }], [b, { b: a }]),
  ],
  ['treeLeaves', () => treeLeaves({ a, list: [b] })],
  ['globalNorm', () => globalNorm([a, b])],
  ['toArray', () => toArray(a)],
  ['toNested', () => toNested(a)],
];

const INPUTS = [a, b, row, column, positive, tall, indices];

describe('purity', () => {
  it.each(OPS)('%s leaves its inputs unchanged', (_, op) => {
    const before = INPUTS.map(snapshot);
    op();
    expect(INPUTS.map(snapshot)).toEqual(before);
  });

  it.each(OPS)('%s returns data that is not an input buffer', (name, op) => {
    const result = op();
    const outputs = Array.isArray(result) ? result : [result];
    for (const output of outputs) {
      if (typeof output !== 'object' || output === null || !('data' in output)) continue;
      // reshape shares its input's buffer and treeLeaves returns the leaves themselves, by
      // design: no tensor's data is ever written, so sharing is safe.
      if (name === 'reshape' || name === 'treeLeaves') continue;
      for (const input of INPUTS) expect((output as Tensor).data).not.toBe(input.data);
    }
  });

  it('keeps earlier results valid after later ops', () => {
    const first = add(a, b);
    const copy = snapshot(first);
    for (const [, op] of OPS) op();
    expect(snapshot(first)).toEqual(copy);
  });
});

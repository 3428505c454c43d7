import { describe, expect, it } from 'vitest';
import {
  add,
  key,
  matmul,
  normal,
  split,
  tensor,
  toArray,
  treeMap,
  type FloatTensor,
} from '@puregrad/tensor';

describe('README example', () => {
  it('runs as written', () => {
    const [weightKey] = split(key(0));
    const weight = normal(weightKey!, [3, 2], { std: 0.1 }); // float32 [3, 2]
    const x = tensor([[1, 2]]); // float32 [1, 2]
    const y = matmul(x, weight, { transposeB: true }); // [1, 3]
    const doubled = treeMap((leaf: FloatTensor) => add(leaf, leaf), { weight });

    expect(weight.shape).toEqual([3, 2]);
    expect(y.shape).toEqual([1, 3]);
    expect(toArray(doubled.weight)).toEqual(toArray(weight).map((v) => 2 * v));
  });
});

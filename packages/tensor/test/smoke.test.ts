import { describe, expect, it } from 'vitest';
import { add, matmul, tensor, toNested, variance } from '@puregrad/tensor';

describe('tensor smoke', () => {
  it('matmul with a transposed operand', () => {
    const a = tensor(
      [
        [1, 2],
        [3, 4],
      ],
      { dtype: 'float64' },
    );
    const b = tensor(
      [
        [5, 6],
        [7, 8],
      ],
      { dtype: 'float64' },
    );
    expect(toNested(matmul(a, b, { transposeB: true }))).toEqual([
      [17, 23],
      [39, 53],
    ]);
  });

  it('adds a row and a column', () => {
    const x = tensor([
      [1, 2],
      [3, 4],
    ]);
    expect(toNested(add(x, tensor([[10, 20]])))).toEqual([
      [11, 22],
      [13, 24],
    ]);
    expect(toNested(add(x, tensor([[10], [20]])))).toEqual([
      [11, 12],
      [23, 24],
    ]);
  });

  it('variance of a constant column of 1e10 is 0', () => {
    const x = tensor([[1e10], [1e10], [1e10]]);
    expect(Array.from(variance(x, 0).data)).toEqual([0]);
  });
});

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  concatRows,
  DTypeError,
  gather,
  InvalidArgumentError,
  oneHot,
  reshape,
  ShapeError,
  sliceRows,
  tensor,
  toNested,
  transpose,
} from '@puregrad/tensor';
import { dimension, floatDType, matrix } from '../helpers/arbitraries.js';

const anyMatrix = fc
  .tuple(dimension(8), dimension(8), floatDType())
  .chain(([m, n, dtype]) => matrix(m, n, dtype));

describe('reshape', () => {
  it('keeps the elements and infers one -1', () => {
    const x = tensor([1, 2, 3, 4, 5, 6]);
    expect(toNested(reshape(x, [2, -1]))).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(reshape(x, [-1]).shape).toEqual([6]);
  });

  it('names both shapes when the sizes differ', () => {
    expect(() => reshape(tensor([1, 2, 3]), [2, 2])).toThrow(ShapeError);
    expect(() => reshape(tensor([1, 2, 3]), [2, 2])).toThrow(
      'reshape: shape [2, 2] does not fit the 3 elements of shape [3].',
    );
    expect(() => reshape(tensor([1, 2, 3, 4]), [-1, -1])).toThrow(ShapeError);
  });
});

describe('transpose', () => {
  it('is an involution that swaps indices', () => {
    fc.assert(
      fc.property(anyMatrix, (x) => {
        const [m, n] = x.shape as [number, number];
        const t = transpose(x);
        expect(t.shape).toEqual([n, m]);
        for (let i = 0; i < m; i++) {
          for (let j = 0; j < n; j++) expect(t.data[j * m + i]).toBe(x.data[i * n + j]);
        }
        expect(transpose(t)).toEqual(x);
      }),
    );
  });
});

describe('gather, sliceRows and concatRows', () => {
  it('gather picks rows in order with repeats', () => {
    const x = tensor([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    expect(toNested(gather(x, [2, 0, 2]))).toEqual([
      [5, 6],
      [1, 2],
      [5, 6],
    ]);
    expect(toNested(gather(x, tensor([1], { dtype: 'int32' })))).toEqual([[3, 4]]);
  });

  it('gather rejects indices out of range', () => {
    const x = tensor([[1, 2]]);
    expect(() => gather(x, [1])).toThrow(InvalidArgumentError);
    expect(() => gather(x, [1])).toThrow(/gather: index 0 must be an integer in \[0, 0\]/);
  });

  it('slices and concatenation invert each other', () => {
    fc.assert(
      fc.property(anyMatrix, fc.nat(), (x, cut) => {
        const rows = x.shape[0] as number;
        const at = cut % (rows + 1);
        const joined = concatRows([sliceRows(x, 0, at), sliceRows(x, at)]);
        expect(joined).toEqual(x);
      }),
    );
  });

  it('gather of a permutation then its inverse is the identity', () => {
    fc.assert(
      fc.property(anyMatrix, (x) => {
        const rows = x.shape[0] as number;
        const order = Array.from({ length: rows }, (_, i) => (i * 7 + 3) % rows);
        const inverse = new Array<number>(rows);
        order.forEach((row, i) => (inverse[row] = i));
        fc.pre(new Set(order).size === rows);
        expect(gather(gather(x, order), inverse)).toEqual(x);
      }),
    );
  });

  it('sliceRows counts negative bounds from the end and clamps', () => {
    const x = tensor([[1], [2], [3], [4]]);
    expect(toNested(sliceRows(x, -2))).toEqual([[3], [4]]);
    expect(toNested(sliceRows(x, 1, 99))).toEqual([[2], [3], [4]]);
    expect(sliceRows(x, 3, 1).shape).toEqual([0, 1]);
    expect(() => sliceRows(x, 0.5)).toThrow(/sliceRows: start and end must be integers/);
  });

  it('concatRows names the part that does not fit', () => {
    const a = tensor([[1, 2]]);
    const b = tensor([[1, 2, 3]]);
    expect(() => concatRows([a, b])).toThrow(ShapeError);
    expect(() => concatRows([a, b])).toThrow(
      /concatRows: part 1 has shape \[1, 3\], which does not fit part 0's \[1, 2\]/,
    );
    expect(() => concatRows([a, tensor([[1, 2]], { dtype: 'float64' })])).toThrow(DTypeError);
    expect(() => concatRows([])).toThrow(InvalidArgumentError);
  });
});

describe('oneHot', () => {
  it('encodes labels as rows', () => {
    expect(toNested(oneHot([2, 0], 3))).toEqual([
      [0, 0, 1],
      [1, 0, 0],
    ]);
    expect(oneHot(tensor([1], { dtype: 'int32' }), 2, 'float64').dtype).toBe('float64');
  });

  it('has one 1 per row at the label', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 10 })
          .chain((classes) =>
            fc.tuple(fc.constant(classes), fc.array(fc.integer({ min: 0, max: classes - 1 }))),
          ),
        ([classes, labels]) => {
          const encoded = oneHot(labels, classes);
          labels.forEach((label, i) => {
            const row = Array.from(encoded.data.slice(i * classes, (i + 1) * classes));
            expect(row.reduce((a, v) => a + v, 0)).toBe(1);
            expect(row[label]).toBe(1);
          });
        },
      ),
    );
  });

  it('rejects labels out of range', () => {
    expect(() => oneHot([3], 3)).toThrow(
      /oneHot: label 0 must be an integer in \[0, 2\] \(got 3\)/,
    );
    expect(() => oneHot([0], 0)).toThrow(/oneHot: classes must be a positive integer/);
  });
});

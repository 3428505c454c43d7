import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  add,
  cast,
  div,
  DTypeError,
  exp,
  InvalidArgumentError,
  log,
  map,
  mul,
  neg,
  ShapeError,
  sqrt,
  sub,
  tensor,
  toNested,
  type FloatTensor,
} from '@puregrad/tensor';
import { dimension, floatDType, matrix } from '../helpers/arbitraries.js';
import { elementTolerance, expectClose } from '../helpers/tolerance.js';

type Op = (a: FloatTensor | number, b: FloatTensor | number) => FloatTensor;
const OPS: [string, Op, (x: number, y: number) => number][] = [
  ['add', add as Op, (x, y) => x + y],
  ['sub', sub as Op, (x, y) => x - y],
  ['mul', mul as Op, (x, y) => x * y],
  ['div', div as Op, (x, y) => x / y],
];

/** Rounds like the dtype stores: one float64 operation on float32 operands, then fround, is exact. */
function rounder(x: FloatTensor): (v: number) => number {
  return x.dtype === 'float32' ? Math.fround : (v) => v;
}

const matrixWithRowAndColumn = fc
  .tuple(dimension(), dimension(), floatDType())
  .chain(([m, n, dtype]) =>
    fc.tuple(matrix(m, n, dtype), matrix(1, n, dtype), matrix(m, 1, dtype)),
  );

describe('binary ops', () => {
  it.each(OPS)('%s of equal shapes is element-wise', (_, op, reference) => {
    const operands = fc
      .tuple(dimension(), dimension(), floatDType())
      .chain(([m, n, dtype]) => fc.tuple(matrix(m, n, dtype), matrix(m, n, dtype)));
    fc.assert(
      fc.property(operands, ([a, b]) => {
        const round = rounder(a);
        const expected = Array.from(a.data, (v, i) => round(reference(v, b.data[i] as number)));
        expect(Array.from(op(a, b).data)).toEqual(expected);
      }),
    );
  });

  it.each(OPS)('%s broadcasts rows, columns and scalars', (_, op, reference) => {
    fc.assert(
      fc.property(
        matrixWithRowAndColumn,
        fc.double({ min: -10, max: 10, noNaN: true }),
        ([x, row, column], scalar) => {
          const round = rounder(x);
          const [m, n] = x.shape as [number, number];
          const cases: [FloatTensor | number, (i: number, j: number) => number][] = [
            [row, (_, j) => row.data[j] as number],
            [
              tensor(Array.from(row.data), { dtype: row.dtype }) as FloatTensor,
              (_, j) => row.data[j] as number,
            ],
            [column, (i) => column.data[i] as number],
            [scalar, () => scalar],
          ];
          for (const [other, value] of cases) {
            const result = op(x, other);
            expect(result.shape).toEqual([m, n]);
            const expected: number[] = [];
            for (let i = 0; i < m; i++) {
              for (let j = 0; j < n; j++)
                expected.push(round(reference(x.data[i * n + j] as number, value(i, j))));
            }
            expect(Array.from(result.data)).toEqual(expected);
          }
        },
      ),
    );
  });

  it('broadcasts a row against a column to a matrix', () => {
    const row = tensor([[1, 2, 3]]);
    const column = tensor([[10], [20]]);
    expect(toNested(add(row, column))).toEqual([
      [11, 12, 13],
      [21, 22, 23],
    ]);
    expect(toNested(sub(2, row))).toEqual([[1, 0, -1]]);
  });

  it('commutes for add and mul', () => {
    fc.assert(
      fc.property(matrixWithRowAndColumn, ([x, row, column]) => {
        expect(Array.from(add(x, row).data)).toEqual(Array.from(add(row, x).data));
        expect(Array.from(mul(x, column).data)).toEqual(Array.from(mul(column, x).data));
      }),
    );
  });

  it('subtracts as adding the negation', () => {
    fc.assert(
      fc.property(matrixWithRowAndColumn, ([x, row]) => {
        expect(Array.from(sub(x, row).data)).toEqual(Array.from(add(x, neg(row)).data));
      }),
    );
  });

  it('names both shapes when they do not broadcast', () => {
    const a = tensor([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    const b = tensor([
      [1, 2],
      [3, 4],
    ]);
    expect(() => add(a, b)).toThrow(ShapeError);
    expect(() => add(a, b)).toThrow(
      /add: shapes \[2, 3\] and \[2, 2\] cannot be broadcast together/,
    );
  });

  it('rejects two numbers, int32 operands and mixed dtypes', () => {
    expect(() => add(1 as never, 2 as never)).toThrow(InvalidArgumentError);
    const labels = tensor([1, 2], { dtype: 'int32' });
    expect(() => mul(labels as never, 2)).toThrow(DTypeError);
    expect(() => add(tensor([1]), tensor([1], { dtype: 'float64' }) as never)).toThrow(
      /add: both operands must have the same dtype \(got float32 and float64\)/,
    );
  });
});

describe('unary ops', () => {
  // Each op with a map of inputs in [-100, 100] into its domain: exp gets [-20, 20] so that its
  // results stay finite, log and sqrt get positive values.
  const cases: [
    string,
    (x: FloatTensor) => FloatTensor,
    (v: number) => number,
    (v: number) => number,
  ][] = [
    ['exp', exp, Math.exp, (v) => v / 5],
    ['log', log, Math.log, (v) => Math.abs(v) + 1e-3],
    ['sqrt', sqrt, Math.sqrt, (v) => Math.abs(v)],
    ['neg', neg, (v) => -v, (v) => v],
  ];

  it.each(cases)(
    '%s matches Math within the element-wise tolerance',
    (_, op, reference, domain) => {
      const operand = fc
        .tuple(dimension(), dimension(), floatDType())
        .chain(([m, n, dtype]) => matrix(m, n, dtype));
      fc.assert(
        fc.property(operand, (raw) => {
          const x = map(raw, domain);
          const round = rounder(x);
          const expected = Array.from(x.data, (v) => round(reference(v)));
          expectClose(op(x).data, expected, (i) =>
            elementTolerance(x.dtype, expected[i] as number),
          );
        }),
      );
    },
  );

  it('follows IEEE 754 at the edges', () => {
    const x = tensor([0, -1, Infinity], { dtype: 'float64' });
    expect(Array.from(log(x).data)).toEqual([-Infinity, NaN, Infinity]);
    expect(Array.from(sqrt(x).data)).toEqual([0, NaN, Infinity]);
    expect(Array.from(exp(tensor([-Infinity, 0])).data)).toEqual([0, 1]);
  });
});

describe('map', () => {
  it('passes values and indices and rounds to the dtype', () => {
    const x = tensor([1, 2, 3]);
    expect(Array.from(map(x, (v, i) => v * 10 + i).data)).toEqual([10, 21, 32]);
    expect(map(x, () => 0.1).data[0]).toBe(Math.fround(0.1));
  });
});

describe('cast', () => {
  it('converts between dtypes', () => {
    const x = tensor([1.5, -2.5, 0.1], { dtype: 'float64' });
    expect(Array.from(cast(x, 'int32').data)).toEqual([1, -2, 0]);
    expect(cast(x, 'float32').data[2]).toBe(Math.fround(0.1));
    expect(cast(x, 'float32').shape).toEqual([3]);
  });

  it('rejects values int32 cannot hold', () => {
    expect(() => cast(tensor([NaN]), 'int32')).toThrow(InvalidArgumentError);
    expect(() => cast(tensor([2 ** 31], { dtype: 'float64' }), 'int32')).toThrow(
      /cast: element 0 must be finite and within the int32 range/,
    );
    expect(() => cast(tensor([1]), 'uint8' as 'int32')).toThrow(DTypeError);
  });
});

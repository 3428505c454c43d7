import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  add,
  concatRows,
  DataError,
  DTypeError,
  InvalidArgumentError,
  matmul,
  mul,
  PuregradError,
  ShapeError,
  sub,
  zeros,
  formatShape,
} from '@puregrad/tensor';

describe('typed errors', () => {
  it('share the PuregradError base and carry their names', () => {
    const cases: [PuregradError, string][] = [
      [new ShapeError('x'), 'ShapeError'],
      [new DTypeError('x'), 'DTypeError'],
      [new InvalidArgumentError('x'), 'InvalidArgumentError'],
      [new DataError({ file: 'a.csv' }, 'x'), 'DataError'],
    ];
    for (const [error, name] of cases) {
      expect(error).toBeInstanceOf(PuregradError);
      expect(error).toBeInstanceOf(Error);
      expect(error.name).toBe(name);
    }
  });

  it('DataError names the location first', () => {
    const error = new DataError(
      { file: 'train.csv', line: 3, field: 'x2' },
      '"abc" is not a number',
    );
    expect(error.message).toBe('train.csv, line 3, field "x2": "abc" is not a number');
    expect(error.location.line).toBe(3);
  });
});

describe('mismatched shapes', () => {
  // Pairs of [m, n] and [p, q] matrices that neither broadcast nor multiply.
  const incompatible = fc
    .tuple(
      fc.integer({ min: 2, max: 6 }),
      fc.integer({ min: 2, max: 6 }),
      fc.integer({ min: 2, max: 6 }),
      fc.integer({ min: 2, max: 6 }),
    )
    .filter(([m, n, p, q]) => n !== q && n !== p && m !== p);

  it('raise ShapeError naming both shapes in element-wise ops', () => {
    fc.assert(
      fc.property(incompatible, ([m, n, p, q]) => {
        const a = zeros([m, n]);
        const b = zeros([p, q]);
        for (const op of [add, sub, mul]) {
          expect(() => op(a, b)).toThrow(ShapeError);
          expect(() => op(a, b)).toThrow(
            `shapes ${formatShape([m, n])} and ${formatShape([p, q])}`,
          );
        }
      }),
    );
  });

  it('raise ShapeError naming both shapes in matmul', () => {
    fc.assert(
      fc.property(incompatible, ([m, n, p, q]) => {
        const a = zeros([m, n]);
        const b = zeros([p, q]);
        expect(() => matmul(a, b)).toThrow(ShapeError);
        expect(() => matmul(a, b)).toThrow(
          `a ${formatShape([m, n])} has ${n} columns and b ${formatShape([p, q])} has ${p} rows`,
        );
      }),
    );
  });

  it('raise ShapeError naming both shapes in concatRows', () => {
    expect(() => concatRows([zeros([1, 2]), zeros([1, 3])])).toThrow(/\[1, 3\].*\[1, 2\]/);
  });
});

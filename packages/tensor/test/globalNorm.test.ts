import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { globalNorm, tensor, treeLeaves } from '@puregrad/tensor';
import { tree } from './helpers/arbitraries.js';

describe('globalNorm', () => {
  it('is the Euclidean norm of all elements', () => {
    expect(globalNorm({ weight: tensor([[3, 0]]), bias: tensor([4]) })).toBe(5);
  });

  it('matches the plain sum of squares', () => {
    fc.assert(
      fc.property(tree(), (t) => {
        const values = treeLeaves(t).flatMap((x) => Array.from(x.data));
        // The plain reference loses tiny squares to underflow, which globalNorm avoids.
        fc.pre(values.every((v) => v === 0 || Math.abs(v) > 1e-150));
        const squares = values.map((v) => v * v);
        const expected = Math.sqrt(squares.reduce((a, v) => a + v, 0));
        // Each square and the sum round once per term: K · 2^-52 · Σ x² bounds the error of the
        // sum of squares, and the square root halves the relative error.
        const bound = values.length * 2 ** -52 * expected + Number.MIN_VALUE;
        expect(Math.abs(globalNorm(t) - expected)).toBeLessThanOrEqual(4 * bound);
      }),
    );
  });

  it('does not overflow or underflow', () => {
    const big = tensor([3e200, 4e200], { dtype: 'float64' });
    expect(globalNorm(big) / 5e200).toBeCloseTo(1, 14);
    const tiny = tensor([3e-200, 4e-200], { dtype: 'float64' });
    expect(globalNorm(tiny) / 5e-200).toBeCloseTo(1, 14);
  });

  it('propagates NaN and infinity and gives 0 without elements', () => {
    expect(globalNorm([tensor([1, Number.NaN])])).toBeNaN();
    expect(globalNorm([tensor([1, Infinity])])).toBe(Infinity);
    expect(globalNorm({ layers: [] })).toBe(0);
  });
});

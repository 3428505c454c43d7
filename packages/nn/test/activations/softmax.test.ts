import { map, ShapeError, toArray, toNested } from '@puregrad/tensor';
import { logsumexp, softmax, softmaxActivation } from '@puregrad/nn';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectClose, f64, matrixArbitrary } from '../helpers/numeric.js';

describe('softmax', () => {
  it('matches a hand case', () => {
    // softmax([0, ln 3]) = [1/4, 3/4]; ln 3 is rounded, so allow float64 rounding (1e-15).
    expectClose(toArray(softmax(f64([[0, Math.log(3)]]))), [0.25, 0.75], 1e-15);
    expect(toNested(softmax(f64([[5, 5]])))).toEqual([[0.5, 0.5]]);
  });

  it('stays finite for logits of 1e4', () => {
    expect(toArray(softmax(f64([[1e4, 0, -1e4]])))).toEqual([1, 0, 0]);
  });

  it('has rows that sum to 1', () => {
    fc.assert(
      fc.property(
        matrixArbitrary(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 6 }), 50),
        (z) => {
          const s = toNested(softmax(z)) as number[][];
          // Each entry is rounded once in float64, so a row of n entries sums to 1 within n·2⁻⁵².
          for (const row of s)
            expect(Math.abs(row.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-14);
        },
      ),
    );
  });

  it('rejects a vector', () => {
    expect(() => softmax(f64([1, 2]))).toThrow(ShapeError);
  });
});

describe('logsumexp', () => {
  it('matches a hand case', () => {
    // log(e⁰ + e⁰) = log 2, and log(e⁰ + e^{ln 2} + e^{ln 3}) = log 6.
    expectClose(toArray(logsumexp(f64([[0, 0]]))), [Math.log(2)], 1e-15);
    expectClose(toArray(logsumexp(f64([[0, Math.log(2), Math.log(3)]]))), [Math.log(6)], 1e-15);
  });

  it('is finite where the unshifted sum overflows', () => {
    const [value] = toArray(logsumexp(f64([[1000, 1000]])));
    expect(Math.log(Math.exp(1000) + Math.exp(1000))).toBe(Infinity);
    expectClose([value as number], [1000 + Math.log(2)], 1e-15);
  });

  it('shifts with a constant added to the row', () => {
    fc.assert(
      fc.property(
        matrixArbitrary(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 5 }), 50),
        fc.double({ min: -100, max: 100, noNaN: true }),
        (z, c) => {
          const shifted = logsumexp(map(z, (v) => v + c));
          const expected = toArray(logsumexp(z)).map((v) => v + c);
          // Adding c rounds each logit by up to (|z| + |c|) · 2⁻⁵³, about 3e-14 for these ranges.
          expectClose(toArray(shifted), expected, 1e-12);
        },
      ),
    );
  });

  it('returns −∞ for a row of −∞', () => {
    expect(toArray(logsumexp(f64([[-Infinity, -Infinity]])))).toEqual([-Infinity]);
  });
});

describe('softmax activation', () => {
  it('has a vjp and no element-wise derivative', () => {
    expect(softmaxActivation.name).toBe('softmax');
    expect(softmaxActivation.derivative).toBeUndefined();
  });

  it('vjp equals dy times the explicit Jacobian', () => {
    const pairs = fc
      .integer({ min: 1, max: 5 })
      .chain((cols) =>
        fc.tuple(
          matrixArbitrary(fc.constant(2), fc.constant(cols), 5),
          matrixArbitrary(fc.constant(2), fc.constant(cols), 1),
        ),
      );
    fc.assert(
      fc.property(pairs, ([z, dy]) => {
        const s = toNested(softmax(z)) as number[][];
        const g = toNested(dy) as number[][];
        // J_jk = s_j (δ_jk − s_k); dz_k = Σ_j dy_j J_jk.
        const expected = s.flatMap((row, r) =>
          row.map((sk, k) =>
            row.reduce((acc, sj, j) => acc + g[r]![j]! * sj * (Number(j === k) - sk), 0),
          ),
        );
        // Two summation orders of ≤ 5 terms of size ≤ 1 agree within about 1e-15.
        expectClose(toArray(softmaxActivation.vjp(z, dy)), expected, 1e-13);
      }),
    );
  });
});

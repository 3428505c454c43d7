import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { key, uniform, type FloatDType } from '@puregrad/tensor';
import {
  blockedMatmul,
  matmul,
  naiveMatmul,
  type MatmulBlocking,
} from '../../../src/kernels/typescript/matmul.js';
import { matmulAbsoluteSums, sumTolerance } from '../../helpers/tolerance.js';

const SIZES = [1, 2, 3, 5, 17, 33];
const TRANSPOSES: [boolean, boolean][] = [
  [false, false],
  [true, false],
  [false, true],
  [true, true],
];
// Default blocks, and tiny blocks that split every size above into several blocks with edges.
const BLOCKINGS: [string, MatmulBlocking | undefined][] = [
  ['default blocks', undefined],
  ['tiny blocks', { kc: 3, mc: 5, nc: 6 }],
];

function operands(dtype: FloatDType, m: number, k: number, n: number, seed: number) {
  const a = uniform(key(seed), [m * k], { dtype, low: -1, high: 1 }).data;
  const b = uniform(key(seed + 1), [k * n], { dtype, low: -1, high: 1 }).data;
  return { a, b };
}

function allocate(dtype: FloatDType, size: number): Float32Array | Float64Array {
  return dtype === 'float32' ? new Float32Array(size) : new Float64Array(size);
}

/** Checks every element of the blocked result against the naive one, within K · u · Σ|terms|. */
function expectMatchesNaive(
  dtype: FloatDType,
  m: number,
  k: number,
  n: number,
  transposeA: boolean,
  transposeB: boolean,
  blocking: MatmulBlocking | undefined,
  seed: number,
): void {
  const { a, b } = operands(dtype, m, k, n, seed);
  const expected = allocate(dtype, m * n);
  const actual = allocate(dtype, m * n);
  naiveMatmul(a, b, expected, m, k, n, transposeA, transposeB);
  blockedMatmul(a, b, actual, m, k, n, transposeA, transposeB, blocking);
  const sums = matmulAbsoluteSums(a, b, m, k, n, transposeA, transposeB);
  for (let i = 0; i < m * n; i++) {
    const error = Math.abs((actual[i] as number) - (expected[i] as number));
    const tolerance = 2 * sumTolerance(dtype, k, sums[i] as number);
    if (error > tolerance) {
      expect.fail(`element ${i} of [${m}, ${n}]: ${actual[i]} vs naive ${expected[i]}`);
    }
  }
}

describe('blockedMatmul', () => {
  for (const [blockingName, blocking] of BLOCKINGS) {
    for (const [transposeA, transposeB] of TRANSPOSES) {
      it(`equals naive, ${blockingName}, transposeA ${transposeA}, transposeB ${transposeB}`, () => {
        let seed = 0;
        for (const m of SIZES) {
          for (const k of SIZES) {
            for (const n of SIZES) {
              expectMatchesNaive('float64', m, k, n, transposeA, transposeB, blocking, seed++);
            }
          }
        }
      });
    }
  }

  it('equals naive in float32 over random shapes and blocks', () => {
    const size = fc.integer({ min: 1, max: 40 });
    const block = fc.integer({ min: 1, max: 24 });
    fc.assert(
      fc.property(
        size,
        size,
        size,
        fc.boolean(),
        fc.boolean(),
        block,
        block,
        block,
        (m, k, n, transposeA, transposeB, kc, mc, nc) => {
          expectMatchesNaive('float32', m, k, n, transposeA, transposeB, { kc, mc, nc }, m + k + n);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('overwrites the output instead of adding to it', () => {
    const a = new Float64Array([1, 2, 3, 4]);
    const out = new Float64Array(4).fill(100);
    blockedMatmul(a, a, out, 2, 2, 2, false, false);
    expect(Array.from(out)).toEqual([7, 10, 15, 22]);
  });

  it('writes zeros when the inner dimension is 0', () => {
    const out = new Float32Array(6).fill(5);
    blockedMatmul(new Float32Array(0), new Float32Array(0), out, 2, 0, 3, false, false);
    expect(Array.from(out)).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('rounds a float32 result once from float64 sums', () => {
    // 1 + 2^-30 - 1 is 2^-30 in float64 but 0 if partial sums were rounded to float32.
    const a = new Float32Array([1, 2 ** -30, -1]);
    const b = new Float32Array([1, 1, 1]);
    const out = new Float32Array(1);
    blockedMatmul(a, b, out, 1, 3, 1, false, false, { kc: 1, mc: 4, nc: 4 });
    expect(out[0]).toBe(2 ** -30);
  });
});

describe('matmul kernel', () => {
  it('uses the same contract for small and large products', () => {
    for (const [m, k, n] of [
      [2, 3, 4],
      [40, 50, 30],
    ] as const) {
      const { a, b } = operands('float64', m, k, n, 9);
      const expected = new Float64Array(m * n);
      const actual = new Float64Array(m * n);
      naiveMatmul(a, b, expected, m, k, n, false, true);
      matmul(a, b, actual, m, k, n, false, true);
      const sums = matmulAbsoluteSums(a, b, m, k, n, false, true);
      for (let i = 0; i < m * n; i++) {
        const tolerance = sumTolerance('float64', k, sums[i] as number);
        expect(Math.abs((actual[i] as number) - (expected[i] as number))).toBeLessThanOrEqual(
          tolerance,
        );
      }
    }
  });
});

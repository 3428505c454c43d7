import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  typescriptKernels,
  type ActivationKind,
  type BinaryOp,
  type UnaryOp,
} from '../src/index.js';
import { loadWasmKernels } from '../src/kernels/wasm/load.js';

// The Wasm kernels against the TypeScript reference on float32 data, over random shapes that
// include sizes below and between multiples of the vector width (1, 2, 3, 5, 7, 9, ...).
// Tolerances: a float32 sum of K terms differs from the exactly rounded one by at most
// K · 2⁻²⁴ · Σ|terms| (the standard bound for recursive summation), so K · 2⁻²³ · Σ|terms|
// covers both kernels' rounding; an element-wise result computed in float64 and rounded once
// is within half an ulp, so 2⁻²¹ · |x| (four ulps) leaves room for a differently ordered sum.

const loaded = loadWasmKernels();
const wasm = loaded.kernels;
const ts = typescriptKernels;

const ELEMENT_TOLERANCE = 2 ** -21;

function requireWasm(): NonNullable<typeof wasm> {
  if (wasm === undefined) throw new Error(`Wasm kernels unavailable: ${loaded.reason}`);
  return wasm;
}

/** Returns a deterministic float32 array of `length` values in [-scale, scale) from `seed`. */
function randomArray(seed: number, length: number, scale = 1): Float32Array {
  const out = new Float32Array(length);
  let state = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    // xorshift32: enough spread for test data, and reproducible from the seed fast-check prints.
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    out[i] = ((state >>> 0) / 2 ** 32 - 0.5) * 2 * scale;
  }
  return out;
}

function expectClose(
  actual: Float32Array,
  expected: Float32Array,
  bound: (i: number) => number,
): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const error = Math.abs((actual[i] as number) - (expected[i] as number));
    if (!(error <= bound(i))) {
      expect.fail(
        `element ${i}: wasm ${actual[i]} vs typescript ${expected[i]} (bound ${bound(i)})`,
      );
    }
  }
}

function expectElementwiseClose(actual: Float32Array, expected: Float32Array): void {
  expectClose(actual, expected, (i) => ELEMENT_TOLERANCE * Math.abs(expected[i] as number));
}

const size = fc.oneof(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 10, max: 70 }));
const seed = fc.integer({ min: 1, max: 2 ** 31 });

describe('wasm matmul', () => {
  it('matches the reference within K·2⁻²³·Σ|terms|', () => {
    const kernels = requireWasm();
    fc.assert(
      fc.property(
        size,
        size,
        size,
        fc.boolean(),
        fc.boolean(),
        seed,
        (m, k, n, transposeA, transposeB, s) => {
          const a = randomArray(s, m * k);
          const b = randomArray(s + 1, k * n);
          const expected = new Float32Array(m * n);
          const actual = new Float32Array(m * n);
          ts.matmul(a, b, expected, m, k, n, transposeA, transposeB);
          kernels.matmul(a, b, actual, m, k, n, transposeA, transposeB);

          // Σ|terms| of each entry is the same product on the absolute values.
          const absoluteA = a.map(Math.abs);
          const absoluteB = b.map(Math.abs);
          const magnitude = new Float32Array(m * n);
          ts.matmul(absoluteA, absoluteB, magnitude, m, k, n, transposeA, transposeB);
          expectClose(actual, expected, (i) => k * 2 ** -23 * (magnitude[i] as number) + 1e-30);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('handles the training shapes', () => {
    const kernels = requireWasm();
    const shapes: [number, number, number, boolean, boolean][] = [
      [128, 784, 256, false, true],
      [256, 128, 784, true, false],
      [128, 256, 784, false, false],
      [64, 128, 10, false, true],
    ];
    for (const [m, k, n, transposeA, transposeB] of shapes) {
      const a = randomArray(m, m * k);
      const b = randomArray(n, k * n);
      const expected = new Float32Array(m * n);
      const actual = new Float32Array(m * n);
      ts.matmul(a, b, expected, m, k, n, transposeA, transposeB);
      kernels.matmul(a, b, actual, m, k, n, transposeA, transposeB);
      // Each |term| is below 1, so Σ|terms| ≤ k.
      expectClose(actual, expected, () => k * k * 2 ** -23);
    }
  });

  it('writes zeros for an empty inner dimension', () => {
    const kernels = requireWasm();
    const out = new Float32Array(6).fill(7);
    kernels.matmul(new Float32Array(0), new Float32Array(0), out, 2, 0, 3, false, false);
    expect([...out]).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('passes float64 to the reference', () => {
    const kernels = requireWasm();
    const a = Float64Array.from([1, 2, 3, 4]);
    const out = new Float64Array(4);
    kernels.matmul(a, a, out, 2, 2, 2, false, false);
    expect([...out]).toEqual([7, 10, 15, 22]);
  });
});

describe('wasm batch norm', () => {
  it('forward matches the reference element-wise', () => {
    const kernels = requireWasm();
    fc.assert(
      fc.property(size, size, seed, fc.constantFrom(1, 1e3), (rows, cols, s, offset) => {
        const x = randomArray(s, rows * cols).map((v) => v + offset);
        const gamma = randomArray(s + 1, cols);
        const beta = randomArray(s + 2, cols);
        const run = (k: typeof ts) => {
          const outs = [cols, cols, cols, cols, rows * cols, rows * cols].map(
            (n) => new Float32Array(n),
          );
          const [mean, variance, unbiased, invStd, xHat, y] = outs as [
            Float32Array,
            Float32Array,
            Float32Array,
            Float32Array,
            Float32Array,
            Float32Array,
          ];
          k.batchNormTrainForward(
            x,
            gamma,
            beta,
            rows,
            cols,
            1e-5,
            mean,
            variance,
            unbiased,
            invStd,
            xHat,
            y,
          );
          return outs;
        };
        const expected = run(ts);
        const actual = run(kernels);
        for (let i = 0; i < expected.length; i++) {
          const e = expected[i] as Float32Array;
          const a = actual[i] as Float32Array;
          // A batch of one row has no unbiased variance: both kernels write NaN there.
          if (rows === 1 && i === 2) expect(a.every(Number.isNaN)).toBe(true);
          else expectElementwiseClose(a, e);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('backward matches the reference element-wise', () => {
    const kernels = requireWasm();
    fc.assert(
      fc.property(size, size, seed, fc.boolean(), (rows, cols, s, withDx) => {
        const dy = randomArray(s, rows * cols);
        const xHat = randomArray(s + 1, rows * cols, 2);
        const gamma = randomArray(s + 2, cols);
        const invStd = randomArray(s + 3, cols).map((v) => 1 + Math.abs(v));
        const run = (k: typeof ts) => {
          const dx = withDx ? new Float32Array(rows * cols) : undefined;
          const dGamma = new Float32Array(cols);
          const dBeta = new Float32Array(cols);
          k.batchNormTrainBackward(dy, xHat, gamma, invStd, rows, cols, dx, dGamma, dBeta);
          return { dx, dGamma, dBeta };
        };
        const expected = run(ts);
        const actual = run(kernels);
        expectElementwiseClose(actual.dGamma, expected.dGamma);
        expectElementwiseClose(actual.dBeta, expected.dBeta);
        if (withDx) expectElementwiseClose(actual.dx!, expected.dx!);
        else expect(actual.dx).toBeUndefined();
      }),
      { numRuns: 100 },
    );
  });
});

describe('wasm element-wise kernels', () => {
  const length = fc.integer({ min: 0, max: 300 });

  it('binary ops match the reference', () => {
    const kernels = requireWasm();
    const ops: BinaryOp[] = ['add', 'sub', 'mul', 'div'];
    fc.assert(
      fc.property(fc.constantFrom(...ops), length, seed, (op, n, s) => {
        const a = randomArray(s, n, 10);
        const b = randomArray(s + 1, n, 10);
        const expected = new Float32Array(n);
        const actual = new Float32Array(n);
        ts.binary(op, a, b, expected);
        kernels.binary(op, a, b, actual);
        expectElementwiseClose(actual, expected);
      }),
    );
  });

  it('unary ops match the reference', () => {
    const kernels = requireWasm();
    const ops: UnaryOp[] = ['neg', 'exp', 'log', 'sqrt'];
    fc.assert(
      fc.property(fc.constantFrom(...ops), length, seed, (op, n, s) => {
        // Positive inputs keep log and sqrt real; exp of values up to 10 stays finite.
        const x = randomArray(s, n, 10).map((v) => Math.abs(v) + 1e-3);
        const expected = new Float32Array(n);
        const actual = new Float32Array(n);
        ts.unary(op, x, expected);
        kernels.unary(op, x, actual);
        expectElementwiseClose(actual, expected);
      }),
    );
  });

  it('bias add matches the reference', () => {
    const kernels = requireWasm();
    fc.assert(
      fc.property(size, size, seed, (rows, cols, s) => {
        const x = randomArray(s, rows * cols, 10);
        const row = randomArray(s + 1, cols, 10);
        const expected = new Float32Array(rows * cols);
        const actual = new Float32Array(rows * cols);
        ts.addRowVector(x, row, rows, cols, expected);
        kernels.addRowVector(x, row, rows, cols, actual);
        expectElementwiseClose(actual, expected);
      }),
    );
  });

  it('activations and their gradients match the reference', () => {
    const kernels = requireWasm();
    const kinds: ActivationKind[] = ['relu', 'sigmoid', 'identity'];
    fc.assert(
      fc.property(fc.constantFrom(...kinds), length, seed, fc.boolean(), (kind, n, s, withDy) => {
        const z = randomArray(s, n, 20);
        const dy = withDy ? randomArray(s + 1, n) : undefined;
        const expected = new Float32Array(n);
        const actual = new Float32Array(n);
        ts.activation(kind, z, expected);
        kernels.activation(kind, z, actual);
        expectElementwiseClose(actual, expected);
        ts.activationBackward(kind, z, dy, expected);
        kernels.activationBackward(kind, z, dy, actual);
        expectElementwiseClose(actual, expected);
      }),
    );
  });

  it('relu gradient is 0 at z = 0', () => {
    const kernels = requireWasm();
    const z = Float32Array.from([0, -0, 1, -1, 0.5]);
    const out = new Float32Array(5);
    kernels.activationBackward('relu', z, undefined, out);
    expect([...out]).toEqual([0, 0, 1, 0, 1]);
  });

  it('adam update matches the reference', () => {
    const kernels = requireWasm();
    fc.assert(
      fc.property(length, seed, fc.integer({ min: 1, max: 1000 }), (n, s, step) => {
        const grads = randomArray(s, n);
        const m = randomArray(s + 1, n, 0.1);
        const v = randomArray(s + 2, n, 0.01).map(Math.abs);
        const correction1 = 1 - 0.9 ** step;
        const correction2 = 1 - 0.999 ** step;
        const run = (k: typeof ts) => {
          const outs = [new Float32Array(n), new Float32Array(n), new Float32Array(n)] as const;
          k.adamUpdate(grads, m, v, 1e-3, 0.9, 0.999, 1e-8, correction1, correction2, ...outs);
          return outs;
        };
        const expected = run(ts);
        const actual = run(kernels);
        for (let i = 0; i < 3; i++) expectElementwiseClose(actual[i]!, expected[i]!);
      }),
    );
  });
});

describe('wasm reductions', () => {
  it('sum and max match the reference', () => {
    const kernels = requireWasm();
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 500 }), seed, (n, s) => {
        const x = randomArray(s, n, 10);
        const magnitude = x.reduce((total, v) => total + Math.abs(v), 0);
        // Both accumulate in float64, so n · 2⁻⁵² · Σ|x| bounds their difference.
        expect(Math.abs(kernels.sum(x) - ts.sum(x))).toBeLessThanOrEqual(n * 2 ** -52 * magnitude);
        expect(kernels.max(x)).toBe(ts.max(x));
      }),
    );
  });

  it('max of an empty array is −∞ and NaN wins', () => {
    const kernels = requireWasm();
    expect(kernels.max(new Float32Array(0))).toBe(-Infinity);
    expect(kernels.max(Float32Array.from([1, NaN, 3]))).toBeNaN();
  });

  it('column sums match the reference within rows·2⁻²³·Σ|terms|', () => {
    const kernels = requireWasm();
    fc.assert(
      fc.property(size, size, seed, (rows, cols, s) => {
        const x = randomArray(s, rows * cols, 10);
        const expected = new Float32Array(cols);
        const actual = new Float32Array(cols);
        ts.sumRows(x, rows, cols, expected);
        kernels.sumRows(x, rows, cols, actual);
        const magnitude = new Float32Array(cols);
        ts.sumRows(x.map(Math.abs), rows, cols, magnitude);
        expectClose(actual, expected, (c) => rows * 2 ** -23 * (magnitude[c] as number));
      }),
    );
  });

  it('softmax cross-entropy matches the reference', () => {
    const kernels = requireWasm();
    fc.assert(
      fc.property(size, fc.integer({ min: 1, max: 12 }), seed, (rows, cols, s) => {
        const logits = randomArray(s, rows * cols, 30);
        const targets = new Float32Array(rows * cols);
        for (let r = 0; r < rows; r++) targets[r * cols + ((s + r) % cols)] = 1;
        const expected = new Float32Array(rows * cols);
        const actual = new Float32Array(rows * cols);
        const expectedLoss = ts.softmaxCrossEntropy(logits, targets, rows, cols, expected);
        const actualLoss = kernels.softmaxCrossEntropy(logits, targets, rows, cols, actual);
        // Both compute in float64 from the same float32 inputs in the same order.
        expect(Math.abs(actualLoss - expectedLoss)).toBeLessThanOrEqual(
          1e-12 * Math.abs(expectedLoss) + 1e-12,
        );
        expectElementwiseClose(actual, expected);
      }),
    );
  });
});

describe('wasm dense param grads', () => {
  it('match the reference element-wise', () => {
    const kernels = requireWasm();
    fc.assert(
      fc.property(size, size, seed, (units, inputs, s) => {
        const product = randomArray(s, units * inputs, 4);
        const biasGrads = randomArray(s + 1, units);
        const gamma = randomArray(s + 2, inputs);
        const beta = randomArray(s + 3, inputs);
        const weight = randomArray(s + 4, units * inputs);
        const run = (k: typeof ts) => {
          const dWeight = new Float32Array(units * inputs);
          const dGamma = new Float32Array(inputs);
          const dBeta = new Float32Array(inputs);
          const args = [product, biasGrads, gamma, beta, weight, units, inputs] as const;
          k.normalizedDenseGrads(...args, dWeight, dGamma, dBeta);
          return { dWeight, dGamma, dBeta };
        };
        const expected = run(ts);
        const actual = run(kernels);
        // Both kernels compute in float64 in the same order and round once.
        expectElementwiseClose(actual.dWeight, expected.dWeight);
        expectElementwiseClose(actual.dGamma, expected.dGamma);
        expectElementwiseClose(actual.dBeta, expected.dBeta);
      }),
      { numRuns: 100 },
    );
  });

  it('equal the full backward on a tiny layer', () => {
    // Two rows, two inputs, one unit, with dĀ = dZ W formed explicitly as the reference.
    const kernels = requireWasm();
    const dz = [0.5, -1];
    const xHat = [1, -1, -1, 1];
    const gamma = Float32Array.from([2, 3]);
    const beta = Float32Array.from([0.5, -0.5]);
    const weight = Float32Array.from([4, -2]);
    const product = Float32Array.from([0.5 * 1 - 1 * -1, 0.5 * -1 - 1 * 1]);
    const biasGrads = Float32Array.from([dz[0]! + dz[1]!]);
    const dWeight = new Float32Array(2);
    const dGamma = new Float32Array(2);
    const dBeta = new Float32Array(2);
    kernels.normalizedDenseGrads(
      product,
      biasGrads,
      gamma,
      beta,
      weight,
      1,
      2,
      dWeight,
      dGamma,
      dBeta,
    );

    const aBar = xHat.map((v, i) => v * gamma[i % 2]! + beta[i % 2]!);
    const dABar = [0, 1, 2, 3].map((i) => dz[Math.floor(i / 2)]! * weight[i % 2]!);
    for (let c = 0; c < 2; c++) {
      expect(dWeight[c]).toBeCloseTo(dz[0]! * aBar[c]! + dz[1]! * aBar[2 + c]!, 6);
      expect(dGamma[c]).toBeCloseTo(dABar[c]! * xHat[c]! + dABar[2 + c]! * xHat[2 + c]!, 6);
      expect(dBeta[c]).toBeCloseTo(dABar[c]! + dABar[2 + c]!, 6);
    }
  });
});

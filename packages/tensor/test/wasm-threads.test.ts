import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getKernels, InvalidArgumentError, setKernels } from '../src/index.js';
import { loadWasmKernels } from '../src/kernels/wasm/load.js';
import { startThreads, type ThreadedKernels } from '../src/node/index.js';

// Every thread computes whole output entries with the same k blocking as one thread does, so
// the threaded matmul must equal the single-thread one bit for bit.

const single = loadWasmKernels().kernels;
let threaded: ThreadedKernels;

beforeAll(async () => {
  threaded = await startThreads({ threads: 2, activate: false });
});

afterAll(async () => {
  await threaded.close();
});

/** Returns the index of the first element where the arrays differ, or -1 when they are equal. */
function firstDifference(actual: Float32Array, expected: Float32Array): number {
  // Object.is distinguishes −0 from 0 and matches NaN with NaN, as bitwise equality would.
  for (let i = 0; i < expected.length; i++) if (!Object.is(actual[i], expected[i])) return i;
  return actual.length === expected.length ? -1 : expected.length;
}

function filled(length: number, seed: number): Float32Array {
  return Float32Array.from({ length }, (_, i) => Math.sin(seed + i * 0.37));
}

describe('threaded wasm matmul', () => {
  it('equals the single-thread kernel', () => {
    expect(single, 'single-thread Wasm kernels did not load; run `pnpm build`').toBeDefined();
    const size = fc.integer({ min: 1, max: 300 });
    fc.assert(
      fc.property(
        size,
        size,
        size,
        fc.boolean(),
        fc.boolean(),
        (m, k, n, transposeA, transposeB) => {
          const a = filled(m * k, m);
          const b = filled(k * n, n);
          const expected = new Float32Array(m * n);
          const actual = new Float32Array(m * n);
          single!.matmul(a, b, expected, m, k, n, transposeA, transposeB);
          threaded.kernels.matmul(a, b, actual, m, k, n, transposeA, transposeB);
          expect(firstDifference(actual, expected)).toBe(-1);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('splits the training shapes', () => {
    const shapes: [number, number, number, boolean, boolean][] = [
      [128, 784, 256, false, true],
      [256, 128, 784, true, false],
      [784, 128, 256, true, false],
    ];
    for (const [m, k, n, transposeA, transposeB] of shapes) {
      const a = filled(m * k, 1);
      const b = filled(k * n, 2);
      const expected = new Float32Array(m * n);
      const actual = new Float32Array(m * n);
      single!.matmul(a, b, expected, m, k, n, transposeA, transposeB);
      threaded.kernels.matmul(a, b, actual, m, k, n, transposeA, transposeB);
      expect(firstDifference(actual, expected)).toBe(-1);
    }
  });
});

describe('startThreads', () => {
  it('activates and close restores', async () => {
    const before = getKernels();
    const started = await startThreads({ threads: 1 });
    expect(started.threads).toBe(1);
    expect(getKernels()).toBe(started.kernels);
    await started.close();
    expect(getKernels()).toBe(before);
  });

  it('close keeps kernels chosen later', async () => {
    const before = getKernels();
    const started = await startThreads({ threads: 1 });
    setKernels('typescript');
    await started.close();
    expect(getKernels().name).toBe('typescript');
    setKernels(before);
  });

  it('rejects a thread count of 0', async () => {
    await expect(startThreads({ threads: 0 })).rejects.toThrow(InvalidArgumentError);
    await expect(startThreads({ threads: 0 })).rejects.toThrow(
      /threads must be a positive integer \(got 0\)/,
    );
  });
});

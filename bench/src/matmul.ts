/**
 * `pnpm bench:matmul`: measures the float32 GFLOP/s of the TypeScript matmul kernel beside a
 * naive triple loop, in the same process, on the shapes of a 784-256-128-10 network's training
 * step and on a square 512 product. GFLOP/s counts 2·m·k·n operations per second of this
 * process's CPU time (user plus system), so other processes sharing the cores slow the numbers
 * less than they would slow wall-clock rates. Each time is the median of repeated runs after a
 * warm-up.
 */

// Imported from source, so the numbers describe the working tree without a build.
import { getKernels, key, setKernels, split, uniform } from '../../packages/tensor/src/index.js';

interface Shape {
  readonly m: number;
  readonly k: number;
  readonly n: number;
  readonly transposeA: boolean;
  readonly transposeB: boolean;
}

const SHAPES: readonly Shape[] = [
  { m: 128, k: 784, n: 256, transposeA: false, transposeB: false },
  { m: 128, k: 256, n: 128, transposeA: false, transposeB: false },
  { m: 512, k: 512, n: 512, transposeA: false, transposeB: false },
  { m: 128, k: 784, n: 256, transposeA: false, transposeB: true },
  { m: 784, k: 128, n: 256, transposeA: true, transposeB: false },
];

/** The minimum measuring time per shape and implementation, in milliseconds. */
const MIN_TIME_MS = 400;
const MIN_RUNS = 3;
/** The ratio over the naive loop that the kernel must reach in float32. */
const TARGET_SPEEDUP = 3;

type Multiply = (a: Float32Array, b: Float32Array, out: Float32Array, shape: Shape) => void;

/** Computes the baseline: one dot product per output element, read through strides. */
function naiveMultiply(a: Float32Array, b: Float32Array, out: Float32Array, shape: Shape): void {
  const { m, k, n, transposeA, transposeB } = shape;
  const aRow = transposeA ? 1 : k;
  const aCol = transposeA ? m : 1;
  const bRow = transposeB ? 1 : n;
  const bCol = transposeB ? k : 1;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let sum = 0;
      for (let p = 0; p < k; p++) {
        sum += (a[i * aRow + p * aCol] as number) * (b[p * bRow + j * bCol] as number);
      }
      out[i * n + j] = sum;
    }
  }
}

const kernelMultiply: Multiply = (a, b, out, { m, k, n, transposeA, transposeB }) =>
  getKernels().matmul(a, b, out, m, k, n, transposeA, transposeB);

/** Returns the CPU time this process has used so far, in milliseconds. */
function cpuNow(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** Returns the median CPU time of one product in milliseconds. */
function time(multiply: Multiply, a: Float32Array, b: Float32Array, shape: Shape): number {
  const out = new Float32Array(shape.m * shape.n);
  multiply(a, b, out, shape);

  const times: number[] = [];
  let total = 0;
  while (total < MIN_TIME_MS || times.length < MIN_RUNS) {
    const start = cpuNow();
    multiply(a, b, out, shape);
    const elapsed = cpuNow() - start;
    times.push(elapsed);
    total += elapsed;
  }
  times.sort((x, y) => x - y);
  return times[Math.floor(times.length / 2)] as number;
}

function maxDifference(shape: Shape, a: Float32Array, b: Float32Array): number {
  const expected = new Float32Array(shape.m * shape.n);
  const actual = new Float32Array(shape.m * shape.n);
  naiveMultiply(a, b, expected, shape);
  kernelMultiply(a, b, actual, shape);
  let max = 0;
  for (let i = 0; i < expected.length; i++) {
    max = Math.max(max, Math.abs((expected[i] as number) - (actual[i] as number)));
  }
  return max;
}

function describe(shape: Shape): string {
  const left = shape.transposeA ? `(${shape.k}×${shape.m})ᵀ` : `${shape.m}×${shape.k}`;
  const right = shape.transposeB ? `(${shape.n}×${shape.k})ᵀ` : `${shape.k}×${shape.n}`;
  return `${left} · ${right}`;
}

function main(): void {
  setKernels('typescript');
  const [aKey, bKey] = split(key(0));
  console.log('float32 matmul, TypeScript kernel against a naive triple loop (GFLOP/s)');
  console.log('shape                         naive   kernel  speedup  max |difference|');

  let allMet = true;
  for (const shape of SHAPES) {
    const a = uniform(aKey!, [shape.m * shape.k], { low: -1, high: 1 }).data as Float32Array;
    const b = uniform(bKey!, [shape.k * shape.n], { low: -1, high: 1 }).data as Float32Array;
    const flops = 2 * shape.m * shape.k * shape.n;
    const naive = flops / time(naiveMultiply, a, b, shape) / 1e6;
    const kernel = flops / time(kernelMultiply, a, b, shape) / 1e6;
    const speedup = kernel / naive;
    allMet &&= speedup >= TARGET_SPEEDUP;
    const row = [
      describe(shape).padEnd(28),
      naive.toFixed(2).padStart(6),
      kernel.toFixed(2).padStart(8),
      `${speedup.toFixed(1)}×`.padStart(8),
      maxDifference(shape, a, b).toExponential(1).padStart(17),
    ];
    console.log(row.join(' '));
  }
  console.log(
    `target: at least ${TARGET_SPEEDUP}× the naive loop on every shape: ${allMet ? 'met' : 'NOT met'}`,
  );
}

main();

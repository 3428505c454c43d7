// Measures the float32 matmul kernels on the training shapes of the digits workload through the
// Kernels interface, so copies into and out of Wasm memory count. It prints GFLOP/s from the
// fastest of many runs, the one least disturbed by other processes. Run from the repository root:
//   npx tsx packages/tensor/scripts/benchMatmul.ts [threads]
import { typescriptKernels, type Kernels } from '@puregrad/tensor';
import { loadWasmKernels } from '../src/kernels/wasm/load.js';
import { startThreads } from '../src/node/index.js';

const RUNS = 200;

/** m, k, n, transposeA, transposeB, and the step of the training loop that multiplies them. */
const SHAPES: [number, number, number, boolean, boolean, string][] = [
  [128, 784, 256, false, true, 'layer 1 forward  X Wᵀ'],
  [128, 256, 128, false, true, 'layer 2 forward  X Wᵀ'],
  [128, 128, 10, false, true, 'layer 3 forward  X Wᵀ'],
  [256, 128, 784, true, false, 'layer 1 weight grad  dZᵀ X'],
  [128, 128, 256, true, false, 'layer 2 weight grad  dZᵀ X'],
  [128, 256, 784, false, false, 'layer 1 input grad  dZ W'],
  [128, 128, 256, false, false, 'layer 2 input grad  dZ W'],
  [512, 512, 512, false, false, 'square'],
];

function gflops(kernels: Kernels, shape: (typeof SHAPES)[number], runs: number): number {
  const [m, k, n, transposeA, transposeB] = shape;
  const a = Float32Array.from({ length: m * k }, () => Math.random() - 0.5);
  const b = Float32Array.from({ length: k * n }, () => Math.random() - 0.5);
  const out = new Float32Array(m * n);
  let best = Infinity;
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    kernels.matmul(a, b, out, m, k, n, transposeA, transposeB);
    best = Math.min(best, performance.now() - start);
  }
  return (2 * m * k * n) / best / 1e6;
}

const wasm = loadWasmKernels().kernels;
if (wasm === undefined)
  throw new Error('benchMatmul: the Wasm kernels did not load; run `pnpm build`.');
const threads = Number(process.argv[2] ?? 2);
const threaded = await startThreads({ threads, activate: false });
console.log(`shape                 typescript  wasm 1 thread  wasm ${threads} threads   (GFLOP/s)`);
for (const shape of SHAPES) {
  const [m, k, n, transposeA, transposeB, label] = shape;
  const name = `${m}x${k}x${n} ${transposeA ? 'T' : 'N'}${transposeB ? 'T' : 'N'}`.padEnd(20);
  const columns = [
    gflops(typescriptKernels, shape, 10),
    gflops(wasm, shape, RUNS),
    gflops(threaded.kernels, shape, RUNS),
  ];
  console.log(
    `${name} ${columns.map((value) => value.toFixed(1).padStart(12)).join('')}   ${label}`,
  );
}
await threaded.close();

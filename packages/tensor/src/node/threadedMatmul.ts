import type { WasmArena } from '../kernels/wasm/arena.js';
import type { WasmExports } from '../kernels/wasm/exports.js';
import { floatBytes } from '../kernels/wasm/float32.js';
import type { WasmMatmul } from '../kernels/wasm/matmul.js';
import type { WorkerPool } from './workerPool.js';

/** Micro-kernel tile sizes of assembly/matmul.ts: blocks start on multiples of these. */
const TILE_ROWS = 4;
const TILE_COLS = 8;

/**
 * Below this many multiply-adds one thread finishes before the others would wake: a wake-up
 * through Atomics.notify takes tens of microseconds, and 2²⁰ multiply-adds take about 50 µs at
 * 20 GFLOP/s.
 */
const PARALLEL_THRESHOLD = 2 ** 20;

/** One thread's block of the output: rows `[rowStart, rowStart + rows)`, same for columns. */
interface Block {
  readonly rowStart: number;
  readonly rows: number;
  readonly colStart: number;
  readonly cols: number;
}

function ceilTo(value: number, multiple: number): number {
  return Math.ceil(value / multiple) * multiple;
}

// Each thread packs all of the operand that the split does not divide, so split the output's
// longer side: by columns when m ≤ n (every thread packs a [m, k]), by rows otherwise.
function splitOutput(m: number, n: number, parts: number): Block[] {
  const blocks: Block[] = [];
  if (m <= n) {
    const width = ceilTo(Math.ceil(n / parts), TILE_COLS);
    for (let colStart = 0; colStart < n; colStart += width) {
      blocks.push({ rowStart: 0, rows: m, colStart, cols: Math.min(width, n - colStart) });
    }
    return blocks;
  }
  const height = ceilTo(Math.ceil(m / parts), TILE_ROWS);
  for (let rowStart = 0; rowStart < m; rowStart += height) {
    blocks.push({ rowStart, rows: Math.min(height, m - rowStart), colStart: 0, cols: n });
  }
  return blocks;
}

/**
 * Returns a float32 matmul that splits the output into one block per thread: the calling
 * thread computes the first block and the pool's workers the others, all on the module's shared
 * memory, each with its own packing scratch. Small products stay on the calling thread.
 */
export function threadedMatmul(wasm: WasmExports, arena: WasmArena, pool: WorkerPool): WasmMatmul {
  return (a, b, out, m, k, n, transposeA, transposeB) => {
    const parts = m * k * n < PARALLEL_THRESHOLD ? 1 : pool.threads;
    const blocks = splitOutput(m, n, parts);
    const scratchSizes = blocks.map((block) => wasm.matmulScratchBytes(block.cols));
    const [pa, pb, pOut, ...scratch] = arena.layout(
      floatBytes(a.length),
      floatBytes(b.length),
      floatBytes(out.length),
      ...scratchSizes,
    );
    arena.write(pa, a);
    arena.write(pb, b);

    const shared = [pa, pb, pOut, m, k, n, +transposeA, +transposeB] as const;
    const jobs = blocks.map((block, i) => [
      ...shared,
      block.rowStart,
      block.rows,
      block.colStart,
      block.cols,
      scratch[i] as number,
    ]);
    for (let i = 1; i < jobs.length; i++) pool.post(i - 1, jobs[i] as number[]);
    const [first] = jobs as [number[]];
    wasm.matmulF32(...(first as Parameters<WasmExports['matmulF32']>));
    for (let i = 1; i < jobs.length; i++) pool.wait(i - 1);

    arena.read(pOut, out);
  };
}

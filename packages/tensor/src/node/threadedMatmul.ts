import type { WasmArena } from '../kernels/wasm/arena.js';
import type { WasmExports } from '../kernels/wasm/exports.js';
import { floatBytes } from '../kernels/wasm/float32.js';
import { singleThreadMatmul, type WasmMatmul } from '../kernels/wasm/matmul.js';
import { MAX_CHUNKS, type WorkerPool } from './workerPool.js';

/** Micro-kernel tile sizes of assembly/matmul.ts: blocks start on multiples of these. */
const TILE_ROWS = 4;
const TILE_COLS = 8;

/**
 * Below this many multiply-adds one thread finishes before the others would wake: a wake-up
 * through Atomics.notify takes tens of microseconds, and 2²⁰ multiply-adds take about 50 µs at
 * 20 GFLOP/s.
 */
const PARALLEL_THRESHOLD = 2 ** 20;

/**
 * Chunks per thread. More chunks balance the threads better when one is descheduled, but each
 * chunk packs the whole operand that the split does not divide again.
 */
const CHUNKS_PER_THREAD = 2;

/** The smallest chunk extent, so that packing stays small next to a chunk's multiply-adds. */
const MIN_EXTENT = 32;

/** A cut of the output into `chunks` column or row blocks of `extent` each. */
interface Split {
  readonly byColumns: boolean;
  readonly extent: number;
  readonly chunks: number;
}

function ceilTo(value: number, multiple: number): number {
  return Math.ceil(value / multiple) * multiple;
}

// Each chunk packs all of the operand that the split does not divide, so split the output's
// longer side: by columns when m ≤ n (every chunk packs a [m, k]), by rows otherwise.
function splitOutput(m: number, n: number, threads: number): Split {
  const byColumns = m <= n;
  const side = byColumns ? n : m;
  const tile = byColumns ? TILE_COLS : TILE_ROWS;
  const target = Math.ceil(side / (threads * CHUNKS_PER_THREAD));
  const fewest = Math.ceil(side / MAX_CHUNKS);
  const extent = ceilTo(Math.max(target, fewest, Math.min(MIN_EXTENT, side)), tile);
  return { byColumns, extent, chunks: Math.ceil(side / extent) };
}

/**
 * Returns a float32 matmul that cuts the output into chunks of whole rows or columns, which
 * the calling thread and the pool's workers claim one at a time on the module's shared memory,
 * each thread with its own packing scratch. Small products stay on the calling thread.
 */
export function threadedMatmul(wasm: WasmExports, arena: WasmArena, pool: WorkerPool): WasmMatmul {
  const alone = singleThreadMatmul(wasm, arena);
  return (a, b, out, m, k, n, transposeA, transposeB) => {
    if (pool.threads === 1 || m * k * n < PARALLEL_THRESHOLD) {
      alone(a, b, out, m, k, n, transposeA, transposeB);
      return;
    }
    const split = splitOutput(m, n, pool.threads);
    const scratchStride = ceilTo(wasm.matmulScratchBytes(split.byColumns ? split.extent : n), 64);
    const [pa, pb, pOut, pScratch] = arena.layout(
      floatBytes(a.length),
      floatBytes(b.length),
      floatBytes(out.length),
      scratchStride * pool.threads,
    );
    arena.write(pa, a);
    arena.write(pb, b);

    const operands = [pa, pb, pOut, m, k, n, +transposeA, +transposeB] as const;
    const compute = (chunk: number): void => {
      const start = chunk * split.extent;
      if (split.byColumns) {
        wasm.matmulF32(...operands, 0, m, start, Math.min(split.extent, n - start), pScratch);
      } else {
        wasm.matmulF32(...operands, start, Math.min(split.extent, m - start), 0, n, pScratch);
      }
    };
    const job = [
      ...operands,
      +split.byColumns,
      split.extent,
      split.chunks,
      pScratch,
      scratchStride,
    ];
    pool.run(job, compute);

    arena.read(pOut, out);
  };
}

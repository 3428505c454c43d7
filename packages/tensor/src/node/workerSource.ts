/** Int32 values per cache line of the control block: 128 bytes, so that two fields that
 * different threads write never share a line. */
export const LINE_INTS = 32;

/**
 * Offsets of the control block's fields, in Int32 values. The main thread writes a job's
 * arguments, then its tag and claim word, then bumps the generation to wake the workers. Every
 * thread, the main one included, claims chunks of the output by compare-and-swap on the claim
 * word, computes them and counts them in `finished`.
 */
export const Control = {
  /** Incremented by the main thread for each job it posts; the workers sleep on it. */
  generation: 0,
  /** `(tag << CHUNK_BITS) | next chunk index` of the job being run. */
  claim: LINE_INTS,
  /** Chunks of the current job whose output is written. */
  finished: 2 * LINE_INTS,
  /** Set to 1 by the main thread to end the workers' loops. */
  stop: 3 * LINE_INTS,
  /** The job's tag, which its claim word carries, so a late worker cannot take a newer job's
   * chunk with an older job's arguments. */
  tag: 3 * LINE_INTS + 1,
  /** The job's arguments, in the order of {@link JobArgument}. */
  args: 3 * LINE_INTS + 2,
  /** Worker `i` sets `ready + i · LINE_INTS` to 1 once its module instance exists. */
  ready: 4 * LINE_INTS,
} as const;

/** Bits of the claim word that count chunks, so a job has at most 255 chunks. */
export const CHUNK_BITS = 8;

/**
 * Tags wrap below 2²³ so that `tag << CHUNK_BITS` stays a positive Int32.
 * NOTE: a worker that stalls between reading a tag and claiming a chunk for exactly 2²³ jobs
 * would take a chunk of the wrong job; nothing rules that out but its unlikeliness.
 */
export const TAG_LIMIT = 2 ** 23;

/**
 * Positions of a job's arguments after {@link Control.args}: the operands of matmulF32, whether
 * the chunks are column blocks (1) or row blocks (0), a chunk's extent along that side, the
 * chunk count, and where thread t's packing scratch starts: `scratch + t · scratchStride`.
 */
export const JobArgument = {
  a: 0,
  b: 1,
  out: 2,
  m: 3,
  k: 4,
  n: 5,
  transposeA: 6,
  transposeB: 7,
  byColumns: 8,
  extent: 9,
  chunks: 10,
  scratch: 11,
  scratchStride: 12,
} as const;

/** Int32 values the control block needs for `workers` workers. */
export function controlInts(workers: number): number {
  return Control.ready + Math.max(workers, 1) * LINE_INTS;
}

/**
 * The worker's program, run with `eval: true` so that it needs no file of its own next to the
 * bundle. It instantiates the shared-memory module on the memory it receives, sleeps on the
 * generation with Atomics.wait, and on each wake claims and computes chunks until the job has
 * none left. Its claim loop is the one of `WorkerPool.run`, written out again in plain
 * JavaScript because the worker cannot import the bundle.
 */
export const workerSource = `
const { workerData } = require('node:worker_threads');
const { module, memory, control, index } = workerData;
const instance = new WebAssembly.Instance(module, { env: { memory } });
const matmul = instance.exports.matmulF32;
const slots = new Int32Array(control);
const thread = index + 1;
Atomics.store(slots, ${Control.ready} + index * ${LINE_INTS}, 1);
let seen = 0;
for (;;) {
  Atomics.wait(slots, ${Control.generation}, seen);
  seen = Atomics.load(slots, ${Control.generation});
  if (Atomics.load(slots, ${Control.stop}) === 1) break;
  const tag = Atomics.load(slots, ${Control.tag});
  const j = slots.slice(${Control.args}, ${Control.args} + 13);
  for (;;) {
    const claim = Atomics.load(slots, ${Control.claim});
    const chunk = claim & ${2 ** CHUNK_BITS - 1};
    if (claim >>> ${CHUNK_BITS} !== tag || chunk >= j[${JobArgument.chunks}]) break;
    if (Atomics.compareExchange(slots, ${Control.claim}, claim, claim + 1) !== claim) continue;
    const start = chunk * j[${JobArgument.extent}];
    const scratch = j[${JobArgument.scratch}] + thread * j[${JobArgument.scratchStride}];
    if (j[${JobArgument.byColumns}] === 1) {
      const cols = Math.min(j[${JobArgument.extent}], j[${JobArgument.n}] - start);
      matmul(j[0], j[1], j[2], j[3], j[4], j[5], j[6], j[7], 0, j[3], start, cols, scratch);
    } else {
      const rows = Math.min(j[${JobArgument.extent}], j[${JobArgument.m}] - start);
      matmul(j[0], j[1], j[2], j[3], j[4], j[5], j[6], j[7], start, rows, 0, j[5], scratch);
    }
    if (Atomics.add(slots, ${Control.finished}, 1) + 1 === j[${JobArgument.chunks}]) {
      Atomics.notify(slots, ${Control.finished});
    }
  }
}
`;

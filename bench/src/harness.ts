import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';

import { createRandom } from './random.js';
import type { MatmulShape, SystemName, SystemResult } from './results.js';
import { MATMUL_SHAPES, median } from './results.js';
import type { Workload } from './workload.js';

/** One timed matmul `[m, k] · [k, n]` whose inputs a system has already placed where it computes. */
export interface PreparedMatmul {
  /** Computes the product and waits until its values are readable. */
  run(): void | Promise<void>;
  dispose(): void;
}

/**
 * The interface a system implements to be benchmarked. The runner calls `trainEpoch` once per epoch in
 * order, then `testAccuracy`, then `prepareMatmul` for each shape.
 */
export interface Harness {
  readonly threads: number;
  /** Trains one epoch in the workload's batch order and returns the mean loss of its batches. */
  trainEpoch(epoch: number): Promise<number>;
  /** Classifies the test digits in inference mode and returns the fraction correct. */
  testAccuracy(): Promise<number>;
  /** Stops any worker threads, so that the child can exit. */
  close?(): Promise<void>;
  prepareMatmul(
    a: Float32Array,
    b: Float32Array,
    m: number,
    k: number,
    n: number,
  ): Promise<PreparedMatmul>;
}

/** Returns the numbers m, k and n of a shape written `m x k x n`. */
export function parseShape(shape: MatmulShape): [number, number, number] {
  const [m, k, n] = shape.split('x').map(Number);
  return [m!, k!, n!];
}

/** Timed batches per shape; the fastest one gives the rate. */
const MATMUL_BATCHES = 7;
/** Each timed batch runs long enough that the clock's resolution stays below 0.1% of it. */
const MATMUL_BATCH_SECONDS = 0.05;

/**
 * Measures GFLOP/s of one matmul: after two warm-up runs, times batches of runs sized to last
 * about {@link MATMUL_BATCH_SECONDS} each, and counts `2 m k n` floating-point operations per run.
 * The fastest batch is the one least slowed by other processes, so it gives the rate.
 */
export async function measureMatmul(harness: Harness, shape: MatmulShape): Promise<number> {
  const [m, k, n] = parseShape(shape);
  const random = createRandom(m * 31 + k * 7 + n);
  const a = Float32Array.from({ length: m * k }, () => random() * 2 - 1);
  const b = Float32Array.from({ length: k * n }, () => random() * 2 - 1);
  const prepared = await harness.prepareMatmul(a, b, m, k, n);
  try {
    const start = performance.now();
    await prepared.run();
    await prepared.run();
    const runsPerBatch = Math.max(
      1,
      Math.ceil((MATMUL_BATCH_SECONDS * 2000) / (performance.now() - start)),
    );

    const batchSeconds: number[] = [];
    for (let batch = 0; batch < MATMUL_BATCHES; batch++) {
      const batchStart = performance.now();
      for (let run = 0; run < runsPerBatch; run++) await prepared.run();
      batchSeconds.push((performance.now() - batchStart) / 1000 / runsPerBatch);
    }
    return (2 * m * k * n) / Math.min(...batchSeconds) / 1e9;
  } finally {
    prepared.dispose();
  }
}

/** Trains, evaluates and times matmuls with one harness, and returns the row it measured. */
export async function runHarness(
  system: SystemName,
  harness: Harness,
  workload: Workload,
  log: (message: string) => void,
): Promise<SystemResult> {
  const epochSeconds: number[] = [];
  const epochCpuSeconds: number[] = [];
  let lastEpochLoss = Number.NaN;
  for (let epoch = 0; epoch < workload.manifest.epochs; epoch++) {
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    lastEpochLoss = await harness.trainEpoch(epoch);
    const cpu = process.cpuUsage(cpuStart);
    epochSeconds.push((performance.now() - start) / 1000);
    epochCpuSeconds.push((cpu.user + cpu.system) / 1e6);
    log(
      `${system}: epoch ${epoch + 1} took ${epochSeconds[epoch]!.toFixed(3)} s, loss ${lastEpochLoss.toFixed(4)}`,
    );
  }
  const testAccuracy = await harness.testAccuracy();

  const matmulGflops = {} as Record<MatmulShape, number>;
  for (const shape of MATMUL_SHAPES) matmulGflops[shape] = await measureMatmul(harness, shape);

  return {
    system,
    threads: harness.threads,
    secondsPerEpoch: median(epochSeconds.slice(1)),
    firstEpochSeconds: epochSeconds[0]!,
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
    testAccuracy,
    matmulGflops,
    epochSeconds,
    cpuSecondsPerEpoch: median(epochCpuSeconds.slice(1)),
    loadAverage: loadavg()[0]!,
    lastEpochLoss,
    rssSource: 'process.resourceUsage().maxRSS in the child',
  };
}

/** Writes a child's result where the driver reads it. */
export function writeResult(path: string, result: SystemResult): void {
  writeFileSync(path, JSON.stringify(result));
}

/** Copies the rows `indices` of a row-major `[rows, width]` array into a new array, in that order. */
export function gatherRows(
  source: Float32Array,
  width: number,
  indices: ArrayLike<number>,
): Float32Array {
  const out = new Float32Array(indices.length * width);
  for (let i = 0; i < indices.length; i++) {
    const row = indices[i]!;
    out.set(source.subarray(row * width, (row + 1) * width), i * width);
  }
  return out;
}

/** Returns the fraction of rows of `logits` `[rows, classes]` whose largest entry is at the label. */
export function accuracyOf(logits: ArrayLike<number>, labels: Int32Array, classes: number): number {
  let correct = 0;
  for (let row = 0; row < labels.length; row++) {
    let best = 0;
    for (let c = 1; c < classes; c++) {
      if (logits[row * classes + c]! > logits[row * classes + best]!) best = c;
    }
    if (best === labels[row]) correct++;
  }
  return correct / labels.length;
}

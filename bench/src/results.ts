import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

import type { TargetCheck } from './targets.js';

/** The systems the benchmark compares, in the order it runs and prints them. */
export const SYSTEM_NAMES = [
  'puregrad-wasm',
  'puregrad-wasm-1t',
  'puregrad-ts',
  'puregrad-ts-1t',
  'tfjs-cpu',
  'tfjs-wasm',
  'jax-js',
  'pytorch',
] as const;

export type SystemName = (typeof SYSTEM_NAMES)[number];

/** The matmul shapes timed on every system, as `m x k x n` for `[m, k] · [k, n]`. */
export const MATMUL_SHAPES = ['128x784x256', '128x256x128', '512x512x512'] as const;

export type MatmulShape = (typeof MATMUL_SHAPES)[number];

/** The measurements of one system's child process. */
export interface SystemResult {
  readonly system: SystemName;
  /** Threads the system computed on. */
  readonly threads: number;
  /** Median seconds of the epochs after the first. */
  readonly secondsPerEpoch: number;
  /** Seconds of the first epoch, which includes warm-up and compilation. */
  readonly firstEpochSeconds: number;
  /** The child's peak resident set size in MiB, from the source that `rssSource` names. */
  readonly peakRssMiB: number;
  /** The fraction of the test digits classified correctly after training, in [0, 1]. */
  readonly testAccuracy: number;
  readonly matmulGflops: Readonly<Record<MatmulShape, number>>;
  /** Seconds of every epoch, in order. */
  readonly epochSeconds: readonly number[];
  /**
   * Median CPU seconds (user plus system, all threads) of the epochs after the first. Unlike
   * wall time it barely grows when other processes compete for the cores.
   */
  readonly cpuSecondsPerEpoch: number;
  /** The one-minute load average when training ended; above the core count, timings are inflated. */
  readonly loadAverage: number;
  /** The mean training loss over the batches of the last epoch. */
  readonly lastEpochLoss: number;
  readonly rssSource: string;
}

/** A system that did not run, and why. */
export interface SkippedSystem {
  readonly system: SystemName;
  readonly reason: string;
}

/** The machine a run measured, as the report names it. */
export interface MachineInfo {
  readonly cpuModel: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly os: string;
  readonly node: string;
}

/** The contents of bench/results/latest.json. */
export interface BenchReport {
  readonly date: string;
  readonly machine: MachineInfo;
  readonly command: string;
  readonly epochs: number;
  readonly results: readonly SystemResult[];
  readonly skipped: readonly SkippedSystem[];
  readonly targets: readonly TargetCheck[];
}

/** Returns the median of `values`, the mean of the middle two for an even count. */
export function median(values: readonly number[]): number {
  if (values.length === 0) {
    throw new Error('median: values must not be empty (got 0 values). Pass at least one number.');
  }
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Returns a report's rows sorted in the order of {@link SYSTEM_NAMES}. */
export function sortResults(results: readonly SystemResult[]): SystemResult[] {
  return [...results].sort(
    (a, b) => SYSTEM_NAMES.indexOf(a.system) - SYSTEM_NAMES.indexOf(b.system),
  );
}

/** Writes the report as indented JSON, creating the folder when needed. */
export function writeReport(path: string, report: BenchReport): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(report, null, 2)}\n`);
}

const HEADER = [
  'system',
  'threads',
  's/epoch',
  'CPU s/epoch',
  'first epoch s',
  'peak RSS MiB',
  'test accuracy',
  ...MATMUL_SHAPES.map((shape) => `GFLOP/s ${shape}`),
];

/** Formats the rows as a Markdown table, which also reads well in a terminal. */
export function formatTable(results: readonly SystemResult[]): string {
  const rows = sortResults(results).map((row) => [
    row.system,
    String(row.threads),
    row.secondsPerEpoch.toFixed(3),
    row.cpuSecondsPerEpoch.toFixed(3),
    row.firstEpochSeconds.toFixed(3),
    row.peakRssMiB.toFixed(0),
    row.testAccuracy.toFixed(4),
    ...MATMUL_SHAPES.map((shape) => row.matmulGflops[shape].toFixed(2)),
  ]);
  const widths = HEADER.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]!.length)),
  );
  const line = (cells: readonly string[]): string =>
    `| ${cells.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ')} |`;
  const rule = `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`;
  return [line(HEADER), rule, ...rows.map(line)].join('\n');
}

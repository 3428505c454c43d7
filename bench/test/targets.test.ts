import { describe, expect, it } from 'vitest';

import type { SystemResult } from '../src/results.js';
import { checkTargets, formatTargets } from '../src/targets.js';
import { madeUpRow } from './madeUpRow.js';

function check(results: readonly SystemResult[], start: string) {
  const found = checkTargets(results).find((entry) => entry.description.startsWith(start));
  if (found === undefined) throw new Error(`no target starts with "${start}"`);
  return found;
}

describe('checkTargets', () => {
  const rows = [
    madeUpRow('puregrad-wasm', 0.5, { peakRssMiB: 150, testAccuracy: 0.945 }),
    madeUpRow('puregrad-wasm-1t', 0.8, {
      matmulGflops: { '128x784x256': 30, '128x256x128': 20, '512x512x512': 30 },
    }),
    madeUpRow('tfjs-wasm', 3.8, { peakRssMiB: 300, testAccuracy: 0.94 }),
    madeUpRow('tfjs-cpu', 10, { testAccuracy: 0.93 }),
    madeUpRow('jax-js', 0.75, {
      testAccuracy: 0.95,
      matmulGflops: { '128x784x256': 26, '128x256x128': 26, '512x512x512': 26 },
    }),
  ];

  it('divides the peer time by ours', () => {
    const target = check(rows, 'puregrad-wasm faster per epoch than tfjs-wasm');
    expect(target.measured).toBeCloseTo(7.6, 12);
    expect(target.met).toBe(true);
  });

  it('computes the same ratio from CPU time', () => {
    const withCpu = [
      madeUpRow('puregrad-wasm', 0.5, { cpuSecondsPerEpoch: 0.4 }),
      madeUpRow('jax-js', 0.75, { cpuSecondsPerEpoch: 0.5 }),
    ];
    const target = check(withCpu, 'puregrad-wasm faster per epoch than jax-js');
    expect(target.measured).toBeCloseTo(1.5, 12);
    expect(target.measuredFromCpu).toBeCloseTo(1.25, 12);
    expect(check(withCpu, 'tfjs-wasm peak RSS').measuredFromCpu).toBeNull();
  });

  it('reports a ratio below its bound', () => {
    const target = check(rows, 'puregrad-wasm faster per epoch than tfjs-cpu');
    expect(target.measured).toBeCloseTo(20, 12);
    expect(target.met).toBe(false);
  });

  it('compares one-thread time with jax-js', () => {
    const target = check(rows, 'puregrad-wasm-1t faster per epoch than jax-js');
    expect(target.measured).toBeCloseTo(0.9375, 12);
    expect(target.met).toBe(false);
  });

  it('checks matmul rates per shape', () => {
    expect(check(rows, 'puregrad-wasm-1t matmul 128x784x256').met).toBe(true);
    expect(check(rows, 'puregrad-wasm-1t matmul 128x256x128').met).toBe(false);
  });

  it('divides the peer memory by ours', () => {
    const target = check(rows, 'tfjs-wasm peak RSS');
    expect(target.measured).toBeCloseTo(2, 12);
    expect(target.met).toBe(true);
  });

  it('measures accuracy against the peer median', () => {
    // Peers 0.94, 0.93 and 0.95 have the median 0.94; ours is 0.945.
    const target = check(rows, 'puregrad-wasm test accuracy');
    expect(target.measured).toBeCloseTo(0.005, 12);
    expect(target.met).toBe(true);
  });

  it('marks targets without their systems as not run', () => {
    const targets = checkTargets([madeUpRow('pytorch', 0.2)]);
    for (const target of targets) {
      expect(target.measured).toBeNull();
      expect(target.met).toBeNull();
    }
  });

  it('prints each verdict', () => {
    const text = formatTargets(checkTargets(rows));
    expect(text).toMatch(/^met {6}puregrad-wasm faster per epoch than tfjs-wasm/m);
    expect(text).toMatch(/^NOT met {2}puregrad-wasm faster per epoch than tfjs-cpu/m);
    expect(formatTargets(checkTargets([]))).toMatch(/^not run/);
  });
});

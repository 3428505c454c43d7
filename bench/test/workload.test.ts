import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { accuracyOf, gatherRows } from '../src/harness.js';
import { createRandom, shuffledIndices } from '../src/random.js';
import type { Workload } from '../src/workload.js';
import {
  batchIndices,
  batchesPerEpoch,
  createWorkload,
  floatArray,
  intArray,
  readWorkload,
} from '../src/workload.js';

describe('shuffledIndices', () => {
  it('returns a permutation', () => {
    fc.assert(
      fc.property(fc.nat(500), fc.integer(), (n, seed) => {
        const sorted = [...shuffledIndices(n, createRandom(seed))].sort((a, b) => a - b);
        expect(sorted).toEqual(Array.from({ length: n }, (_, i) => i));
      }),
    );
  });

  it('repeats for one seed', () => {
    expect(shuffledIndices(50, createRandom(7))).toEqual(shuffledIndices(50, createRandom(7)));
  });
});

describe('workload', () => {
  let dir: string;
  let workload: Workload;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'puregrad-workload-test-'));
    createWorkload(dir, { epochs: 2 });
    workload = readWorkload(dir);
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('splits 8,000 training and 2,000 test digits', () => {
    expect(workload.manifest.trainCount).toBe(8000);
    expect(workload.manifest.testCount).toBe(2000);
    expect(floatArray(workload, 'trainImages')).toHaveLength(8000 * 784);
    expect(intArray(workload, 'testLabels')).toHaveLength(2000);
  });

  it('stores a permutation per epoch', () => {
    const orders = intArray(workload, 'batchOrders');
    for (let epoch = 0; epoch < 2; epoch++) {
      const order = [...orders.subarray(epoch * 8000, (epoch + 1) * 8000)].sort((a, b) => a - b);
      expect(order).toEqual(Array.from({ length: 8000 }, (_, i) => i));
    }
  });

  it('ends each epoch with a shorter batch', () => {
    // 8,000 = 62 × 128 + 64.
    expect(batchesPerEpoch(workload.manifest)).toBe(63);
    expect(batchIndices(workload, 1, 0)).toHaveLength(128);
    expect(batchIndices(workload, 1, 62)).toHaveLength(64);
  });

  it('stores weights as units by inputs', () => {
    expect(workload.manifest.arrays['layers.0.weight']?.shape).toEqual([256, 784]);
    expect(floatArray(workload, 'layers.2.weight')).toHaveLength(10 * 128);
    // Glorot-uniform bound for 784 inputs and 256 units.
    const limit = Math.sqrt(6 / (784 + 256));
    const weights = floatArray(workload, 'layers.0.weight');
    const largest = weights.reduce((max, w) => Math.max(max, Math.abs(w)), 0);
    expect(largest).toBeLessThanOrEqual(limit);
    // With 200,704 draws, the largest lies within 0.1% of the bound.
    expect(largest).toBeGreaterThan(limit * 0.999);
  });

  it('rejects a missing array', () => {
    expect(() => floatArray(workload, 'layers.9.weight')).toThrow(/missing/);
    expect(() => intArray(workload, 'trainImages')).toThrow(/not int32/);
  });
});

describe('gatherRows', () => {
  it('copies rows in index order', () => {
    const source = Float32Array.from([0, 1, 10, 11, 20, 21]);
    expect([...gatherRows(source, 2, [2, 0])]).toEqual([20, 21, 0, 1]);
  });
});

describe('accuracyOf', () => {
  it('counts rows whose maximum is the label', () => {
    const logits = [0.1, 0.9, 0.8, 0.2, 0.3, 0.7];
    expect(accuracyOf(logits, Int32Array.from([1, 0, 0]), 2)).toBeCloseTo(2 / 3, 12);
  });
});

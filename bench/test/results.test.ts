import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import type { BenchReport } from '../src/results.js';
import { SYSTEM_NAMES, formatTable, median, sortResults, writeReport } from '../src/results.js';
import { madeUpRow } from './madeUpRow.js';

describe('median', () => {
  it('takes the middle of an odd count', () => {
    expect(median([3, 1, 2])).toBe(2);
  });

  it('averages the middle two of an even count', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('rejects an empty list', () => {
    expect(() => median([])).toThrow(/must not be empty/);
  });

  it('lies between the minimum and maximum', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: true, min: -1e6, max: 1e6 }), { minLength: 1 }),
        (values) => {
          const middle = median(values);
          expect(middle).toBeGreaterThanOrEqual(Math.min(...values));
          expect(middle).toBeLessThanOrEqual(Math.max(...values));
        },
      ),
    );
  });
});

describe('formatTable', () => {
  it('prints rows in the canonical order', () => {
    const table = formatTable([madeUpRow('pytorch', 0.2), madeUpRow('puregrad-wasm', 0.5)]);
    const lines = table.split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toContain('s/epoch');
    expect(lines[2]).toMatch(/^\| puregrad-wasm /);
    expect(lines[3]).toMatch(/^\| pytorch /);
  });

  it('aligns every line to one width', () => {
    const table = formatTable([madeUpRow('jax-js', 0.75), madeUpRow('tfjs-cpu', 20.7)]);
    const widths = new Set(table.split('\n').map((line) => line.length));
    expect(widths.size).toBe(1);
  });
});

describe('sortResults', () => {
  it('orders any permutation like SYSTEM_NAMES', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray([...SYSTEM_NAMES]), (systems) => {
        const sorted = sortResults(systems.map((system) => madeUpRow(system, 1))).map(
          (row) => row.system,
        );
        expect(sorted).toEqual(SYSTEM_NAMES.filter((name) => systems.includes(name)));
      }),
    );
  });
});

describe('writeReport', () => {
  it('writes JSON that reads back equal', () => {
    const dir = mkdtempSync(join(tmpdir(), 'puregrad-bench-test-'));
    try {
      const report: BenchReport = {
        date: '2026-01-01T00:00:00.000Z',
        machine: { cpuModel: 'test CPU', cores: 2, memoryGiB: 4, os: 'Linux', node: 'v20' },
        command: 'pnpm bench',
        epochs: 3,
        results: [madeUpRow('jax-js', 0.75)],
        skipped: [{ system: 'pytorch', reason: 'no torch' }],
        targets: [],
      };
      const path = join(dir, 'nested', 'latest.json');
      writeReport(path, report);
      expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual(report);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataError } from '@puregrad/tensor';
import { findMismatch, fixturesDir, formatMismatch, parseFixture } from './fixtures.js';

const sampleFile = 'dense-sigmoid-mse-sgd.json';
const sample = JSON.parse(readFileSync(join(fixturesDir, sampleFile), 'utf8')) as Record<
  string,
  unknown
>;

describe('parseFixture', () => {
  it('reads a fixture file', () => {
    const fixture = parseFixture(sampleFile, JSON.stringify(sample));

    expect(fixture.file).toBe(sampleFile);
    expect(fixture.layers).toHaveLength(2);
    expect(fixture.expected.steps).toHaveLength(fixture.batches.length);
  });

  it('rejects a missing field', () => {
    const { tolerance: _, ...rest } = sample;
    const run = () => parseFixture('broken.json', JSON.stringify(rest));

    expect(run).toThrow(DataError);
    expect(run).toThrow('broken.json, field "tolerance": expected number, got undefined');
  });

  it('rejects a step count unlike the batches', () => {
    const batches = [...(sample['batches'] as unknown[]), ...(sample['batches'] as unknown[])];
    const run = () => parseFixture('short.json', JSON.stringify({ ...sample, batches }));

    expect(run).toThrow(/field "expected.steps": expected one step per batch/);
  });
});

describe('findMismatch', () => {
  it('accepts values within the relative tolerance', () => {
    // 1e-9 · max(1, 1000) allows 1e-6 at 1000 but only 1e-9 near 0.
    expect(findMismatch([1000.0000009, 0.0000000009], [1000, 0], 1e-9)).toBeNull();
  });

  it('returns the first element outside', () => {
    expect(
      findMismatch(
        [1, 2.5, 3.5],
        [
          [1, 2],
          [3, 4],
        ],
        1e-9,
      ),
    ).toEqual({
      index: 1,
      actual: 2.5,
      expected: 2,
    });
  });

  it('reports a missing element', () => {
    const mismatch = findMismatch([1], [1, 2], 1e-9);

    expect(mismatch?.index).toBe(1);
    expect(mismatch?.actual).toBeNaN();
  });
});

describe('formatMismatch', () => {
  it('names file, step, label and element', () => {
    const mismatch = { index: 3, actual: 0.5, expected: 0.25 };
    const message = formatMismatch({ file: 'a.json' }, 2, 'layer 1, bias gradient', mismatch);

    expect(message).toBe(
      'a.json, step 2, layer 1, bias gradient, element 3: got 0.5, expected 0.25',
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { batchRanges } from '@puregrad/train';

describe('batchRanges', () => {
  it('keep covers every sample once', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 500 }),
        fc.integer({ min: 1, max: 64 }),
        (count, size) => {
          const ranges = batchRanges(count, size, 'keep');
          let next = 0;
          for (const range of ranges) {
            expect(range.start).toBe(next);
            expect(range.end).toBeGreaterThan(range.start);
            next = range.end;
          }
          expect(next).toBe(count);
        },
      ),
    );
  });

  it('keep never leaves a batch of one', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 500 }),
        fc.integer({ min: 2, max: 64 }),
        (count, size) => {
          for (const range of batchRanges(count, size, 'keep')) {
            expect(range.end - range.start).toBeGreaterThanOrEqual(2);
            expect(range.end - range.start).toBeLessThanOrEqual(size + 1);
          }
        },
      ),
    );
  });

  it('drop keeps only full batches', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 500 }),
        fc.integer({ min: 1, max: 64 }),
        (count, size) => {
          const ranges = batchRanges(count, size, 'drop');
          expect(ranges).toHaveLength(Math.floor(count / size));
          for (const range of ranges) expect(range.end - range.start).toBe(size);
        },
      ),
    );
  });

  it('one-sample remainder joins the batch before', () => {
    expect(batchRanges(9, 4, 'keep')).toEqual([
      { start: 0, end: 4 },
      { start: 4, end: 9 },
    ]);
    expect(batchRanges(9, 4, 'drop')).toEqual([
      { start: 0, end: 4 },
      { start: 4, end: 8 },
    ]);
    expect(batchRanges(10, 4, 'keep')).toEqual([
      { start: 0, end: 4 },
      { start: 4, end: 8 },
      { start: 8, end: 10 },
    ]);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bufferStream } from '../src/cliIo.js';
import { createProgressBar, formatBar } from '../src/terminal/progressBar.js';
import { renderLineChart } from '../src/terminal/lineChart.js';

describe('createProgressBar', () => {
  it('prints four plain lines off a terminal', () => {
    const stream = bufferStream({ isTTY: false });
    const bar = createProgressBar(stream, { label: 'epoch 1/2', total: 8 });
    for (let done = 1; done <= 8; done++) bar.update(done, `loss ${done}`);
    bar.finish();

    const lines = stream.text().trimEnd().split('\n');
    expect(lines).toEqual([
      'epoch 1/2  25% 2/8 loss 2',
      'epoch 1/2  50% 4/8 loss 4',
      'epoch 1/2  75% 6/8 loss 6',
      'epoch 1/2 100% 8/8 loss 8',
    ]);
  });

  it('redraws one line on a terminal', () => {
    const stream = bufferStream({ isTTY: true, columns: 80 });
    let time = 0;
    const bar = createProgressBar(stream, { label: 'e', total: 4, clock: () => (time += 1000) });
    for (let done = 1; done <= 4; done++) bar.update(done);
    bar.finish();

    const text = stream.text();
    expect(text).not.toContain('\n');
    expect(text.split('\r\x1b[2K').filter((frame) => frame !== '')).toHaveLength(4);
    expect(text).toContain('100% 4/4');
  });

  it('skips redraws closer than the interval', () => {
    const stream = bufferStream({ isTTY: true });
    const bar = createProgressBar(stream, { label: 'e', total: 100, clock: () => 0 });
    for (let done = 1; done <= 100; done++) bar.update(done);
    // The first frame and the final one are drawn; the clock never advances in between.
    expect(
      stream
        .text()
        .split('\r\x1b[2K')
        .filter((frame) => frame !== ''),
    ).toHaveLength(2);
  });
});

describe('formatBar', () => {
  it('fills cells in proportion to progress', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 500 }),
        fc.integer({ min: 5, max: 40 }),
        (total, width) => {
          const done = Math.floor(total / 3);
          const frame = formatBar('x', done, total, width, '');
          const cells = /\[([#.]+)\]/.exec(frame)?.[1] ?? '';
          expect(cells).toHaveLength(width);
          expect(cells.split('').filter((c) => c === '#')).toHaveLength(
            Math.round((done / total) * width),
          );
        },
      ),
    );
  });
});

describe('renderLineChart', () => {
  it('draws the extremes on the first and last rows', () => {
    const chart = renderLineChart([{ name: 'train', marker: '*', values: [2, 1, 0.5] }], {
      title: 'loss',
      width: 20,
      height: 5,
    });
    const rows = chart.split('\n');
    expect(rows[0]).toBe('loss');
    expect(rows[1]).toBe(' 2.00 |*');
    expect(rows[5]).toMatch(/^0\.500 \| {19}\*$/);
    expect(chart).toContain('* train');
  });

  it('marks every finite point of every series', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 1, maxLength: 10 }),
        (values) => {
          const chart = renderLineChart([{ name: 's', marker: 'o', values }], {
            title: 't',
            width: 40,
            height: 8,
          });
          const plot = chart.split('\n').slice(1, 9).join('');
          const marks = plot.split('').filter((c) => c === 'o').length;
          // Points may share a cell, so the count is at least one and at most the number of values.
          expect(marks).toBeGreaterThanOrEqual(1);
          expect(marks).toBeLessThanOrEqual(values.length);
        },
      ),
    );
  });

  it('handles a flat curve', () => {
    const chart = renderLineChart([{ name: 's', marker: '*', values: [1, 1, 1] }], { title: 't' });
    expect(chart).toContain('*');
    expect(chart).not.toContain('NaN');
  });
});

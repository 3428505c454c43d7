import { DataError } from '@puregrad/tensor';
import * as fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv, readCsvFile } from '../src/index.js';

function right<T>(either: E.Either<DataError, T>): T {
  if (E.isLeft(either)) throw either.left;
  return either.right;
}

function left<T>(either: E.Either<DataError, T>): DataError {
  if (E.isRight(either)) throw new Error('expected a Left, got a Right');
  expect(either.left).toBeInstanceOf(DataError);
  return either.left;
}

describe('parseCsv classification', () => {
  const text = 'x1,x2,species\n1,2,b\n3.5,-4e1,a\n0,0,b\n';

  it('maps sorted labels to 0..k-1', () => {
    const dataset = right(parseCsv(text, { target: 'species' }));
    expect(dataset.classes).toEqual(['a', 'b']);
    expect(Array.from(dataset.labels.data)).toEqual([1, 0, 1]);
    expect(dataset.inputs.shape).toEqual([3, 2]);
    expect(Array.from(dataset.inputs.data)).toEqual([1, 2, 3.5, -40, 0, 0]);
    expect(dataset.featureNames).toEqual(['x1', 'x2']);
  });

  it('takes the target by index', () => {
    const dataset = right(parseCsv('label,x\n1,5\n0,6\n', { target: 0 }));
    expect(dataset.featureNames).toEqual(['x']);
    expect(Array.from(dataset.labels.data)).toEqual([1, 0]);
  });

  it('sorts numeric labels numerically', () => {
    const dataset = right(parseCsv('x,y\n1,10\n2,9\n3,2\n', { target: 'y' }));
    expect(dataset.classes).toEqual(['2', '9', '10']);
  });

  it('keeps a given class mapping', () => {
    const dataset = right(parseCsv(text, { target: 'species', classes: ['b', 'a', 'c'] }));
    expect(Array.from(dataset.labels.data)).toEqual([0, 1, 0]);
    expect(dataset.classes).toEqual(['b', 'a', 'c']);
  });

  it('reads quotes, CRLF and blank lines', () => {
    const dataset = right(
      parseCsv('"x","class"\r\n1,"a, b"\r\n\r\n2,"say ""hi"""\r\n', { target: 'class' }),
    );
    expect(dataset.classes).toEqual(['a, b', 'say "hi"']);
    expect(Array.from(dataset.inputs.data)).toEqual([1, 2]);
  });

  it('keeps line breaks in quoted fields', () => {
    const text = 'x,c\n1,"two\nlines"\nbad,a\n';
    const error = left(parseCsv(text, { target: 'c' }));
    // The quoted field spans lines 2 and 3, so the row with the bad cell starts on line 4.
    expect(error.location.line).toBe(4);
    const dataset = right(parseCsv('x,c\n1,"two\nlines"\n', { target: 'c' }));
    expect(dataset.classes).toEqual(['two\nlines']);
  });

  it('uses float64 when asked', () => {
    const dataset = right(parseCsv('x,c\n0.1,a\n', { target: 'c', dtype: 'float64' }));
    expect(dataset.inputs.dtype).toBe('float64');
    expect(dataset.inputs.data[0]).toBe(0.1);
  });
});

describe('parseCsv regression', () => {
  it('reads float targets [n, 1]', () => {
    const dataset = right(
      parseCsv('a,b,y\n1,2,0.5\n3,4,-1\n', { target: 'y', task: 'regression' }),
    );
    expect(dataset.task).toBe('regression');
    expect(dataset.targets.shape).toEqual([2, 1]);
    expect(Array.from(dataset.targets.data)).toEqual([0.5, -1]);
    expect(dataset.targetName).toBe('y');
  });

  it('rejects a label that is not a number', () => {
    const error = left(parseCsv('a,y\n1,big\n', { target: 'y', task: 'regression' }));
    expect(error.message).toMatch(/line 2, field "y": "big" is not a number/);
  });
});

describe('parseCsv errors', () => {
  const cases: [string, string, object, RegExp][] = [
    ['empty file', '', {}, /file is empty/],
    ['blank file', '\n\n', {}, /file is empty/],
    ['header only', 'x,c\n', {}, /line 1: file has a header but no data rows/],
    ['missing target', 'x,c\n1,a\n', { target: 'label' }, /target column must be one of "x", "c"/],
    ['target index too large', 'x,c\n1,a\n', { target: 2 }, /index in \[0, 1\] \(got 2\)/],
    [
      'ragged row',
      'x,y,c\n1,2,a\n3,b\n',
      {},
      /line 3: row must have 3 fields like the header \(got 2\)/,
    ],
    ['cell not a number', 'x,y,c\n1,abc,a\n', {}, /line 2, field "y": "abc" is not a number/],
    ['empty cell', 'x,y,c\n1,,a\n', {}, /field "y": "" is not a number/],
    ['hex cell', 'x,c\n0x10,a\n', {}, /"0x10" is not a number/],
    ['NaN cell', 'x,c\n1,a\nNaN,a\n', {}, /line 3, field "x": "NaN" is NaN or infinite/],
    ['infinite cell', 'x,c\n-Infinity,a\n', {}, /"-Infinity" is NaN or infinite/],
    ['overflowing cell', 'x,c\n1e999,a\n', {}, /"1e999" overflows to infinity/],
    [
      'label out of range',
      'x,c\n1,a\n2,z\n',
      { classes: ['a', 'b'] },
      /line 3, field "c": label "z" is out of range/,
    ],
    ['unclosed quote', 'x,c\n1,"a\n', {}, /line 2: a quoted field never closes/],
  ];
  it.each(cases)('rejects %s', (_name, text, options, message) => {
    const error = left(parseCsv(text, { target: 'c', file: 'data.csv', ...options }));
    expect(error.message).toMatch(message);
    expect(error.location.file).toBe('data.csv');
  });

  it('rejects a missing file', () => {
    expect(left(readCsvFile('/nonexistent/data.csv', { target: 'c' })).message).toMatch(
      /\/nonexistent\/data\.csv: file not found/,
    );
  });

  it('reads a file from disk', () => {
    const dir = mkdtempSync(join(tmpdir(), 'puregrad-csv-'));
    try {
      writeFileSync(join(dir, 'd.csv'), 'x,c\n1,a\n');
      const dataset = right(readCsvFile(join(dir, 'd.csv'), { target: 'c' }));
      expect(dataset.name).toBe(join(dir, 'd.csv'));
    } finally {
      rmSync(dir, { recursive: true });
    }
  });
});

describe('parseCsv properties', () => {
  const cell = fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 });
  const table = fc.integer({ min: 1, max: 4 }).chain((features) =>
    fc.array(
      fc.tuple(
        fc.array(cell, { minLength: features, maxLength: features }),
        fc.constantFrom('a', 'b', 'c'),
      ),
      {
        minLength: 1,
        maxLength: 10,
      },
    ),
  );
  // String(-0) is "0", so −0 is written out by hand to test that the parser keeps its sign.
  const formatCell = (value: number) => (Object.is(value, -0) ? '-0' : String(value));
  const toText = (rows: [number[], string][]) => {
    const header = [...(rows[0]?.[0] ?? []).map((_, j) => `f${j}`), 'label'].join(',');
    return [
      header,
      ...rows.map(([values, label]) => [...values.map(formatCell), label].join(',')),
    ].join('\n');
  };

  it('round-trips numbers exactly in float64', () => {
    fc.assert(
      fc.property(table, (rows) => {
        const dataset = right(parseCsv(toText(rows), { target: 'label', dtype: 'float64' }));
        expect(Array.from(dataset.inputs.data)).toEqual(rows.flatMap(([values]) => values));
        const labels = Array.from(dataset.labels.data, (k) => dataset.classes[k]);
        expect(labels).toEqual(rows.map(([, label]) => label));
      }),
    );
  });

  it('rejects a corrupted cell with its line', () => {
    const junk = fc.constantFrom('', 'abc', 'NaN', 'inf', '1..2', '--1', '1e', '0x1', '1,5');
    fc.assert(
      fc.property(table, fc.nat(), junk, (rows, pick, bad) => {
        const r = pick % rows.length;
        const text = toText(
          rows.map(([values, label], i) => [i === r ? [...values.slice(1), NaN] : values, label]),
        )
          .split('\n')
          .map((line, i) => (i === r + 1 ? [bad, ...line.split(',').slice(1)].join(',') : line))
          .join('\n');
        const error = left(parseCsv(text, { target: 'label' }));
        expect(error.location.line).toBe(r + 2);
      }),
    );
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (text) => {
        const parsed = parseCsv(text, { target: 0 });
        if (E.isLeft(parsed)) expect(parsed.left).toBeInstanceOf(DataError);
      }),
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CliError, ExitCode } from '../src/cliError.js';
import { readCsvRows, readJsonRows } from '../src/commands/predict/predictInput.js';

function inputMessage(read: () => unknown): string {
  try {
    read();
  } catch (error) {
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).exitCode).toBe(ExitCode.input);
    return (error as CliError).message;
  }
  throw new Error('the input was accepted');
}

describe('readJsonRows', () => {
  it('reads an array of rows', () => {
    const rows = readJsonRows('[[1, 2], [3, 4.5]]', 'x.json', { features: 2 });
    expect(rows.count).toBe(2);
    expect([...rows.values]).toEqual([1, 2, 3, 4.5]);
  });

  it('reads a flat array as one row', () => {
    expect(readJsonRows('[1, 2, 3]', 'x.json', { features: 3 }).count).toBe(1);
  });

  it('reads objects by feature name', () => {
    const layout = { features: 2, featureNames: ['a', 'b'] };
    const rows = readJsonRows('[{"b": 2, "a": 1, "label": 0}]', 'x.json', layout);
    expect([...rows.values]).toEqual([1, 2]);
  });

  it('round-trips any finite rows', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), {
            minLength: 3,
            maxLength: 3,
          }),
          {
            minLength: 1,
            maxLength: 5,
          },
        ),
        (rows) => {
          const read = readJsonRows(JSON.stringify(rows), 'x.json', { features: 3 });
          // JSON writes -0 as 0, so compare after the same conversion.
          expect([...read.values]).toEqual(
            rows.flat().map((value) => (Object.is(value, -0) ? 0 : value)),
          );
        },
      ),
    );
  });

  it.each([
    ['{ nope', 'x.json is not valid JSON'],
    ['{}', 'must hold a non-empty JSON array of rows'],
    ['[]', 'must hold a non-empty JSON array of rows'],
    ['[[1, 2, 3]]', 'x.json, row 0: must have 2 numbers'],
    ['[[1, "a"]]', 'x.json, row 0, column 1: must be a finite number (got "a")'],
    ['[[1, null]]', 'x.json, row 0, column 1: must be a finite number (got null)'],
  ])('rejects %s', (text, expected) => {
    expect(inputMessage(() => readJsonRows(text, 'x.json', { features: 2 }))).toContain(expected);
  });
});

describe('readJsonRows with feature names', () => {
  it('names the key an object row lacks', () => {
    const layout = { features: 3, featureNames: ['a', 'b', 'c'] };
    const text = JSON.stringify([
      { a: 1, b: 2, c: 0.1 },
      { a: 2, b: 4 },
    ]);
    expect(inputMessage(() => readJsonRows(text, 'x.json', layout))).toContain(
      'x.json, row 1: must have the feature "c" that the checkpoint was trained on (got a, b)',
    );
  });
});

describe('readCsvRows', () => {
  it('reads rows without a header', () => {
    const rows = readCsvRows('1,2\n3,4\n', 'x.csv', { features: 2 });
    expect([...rows.values]).toEqual([1, 2, 3, 4]);
  });

  it('skips a header without feature names', () => {
    expect(readCsvRows('p0,p1\n1,2\n', 'x.csv', { features: 2 }).count).toBe(1);
  });

  it('picks columns by name with a header', () => {
    const layout = { features: 2, featureNames: ['a', 'b'] };
    const rows = readCsvRows('label,b,a\n0,2,1\n1,4,3\n', 'x.csv', layout);
    expect([...rows.values]).toEqual([1, 2, 3, 4]);
  });

  it.each([
    ['1,2,3\n', 'x.csv, line 1: must have 2 cells'],
    ['a,b\n', 'x.csv has no data rows'],
    ['a,b\n1,x\n', 'x.csv, line 2, column 2: must be a finite number (got "x")'],
    ['1,\n', 'x.csv, line 1, column 2: must be a finite number'],
  ])('rejects %j', (text, expected) => {
    expect(inputMessage(() => readCsvRows(text, 'x.csv', { features: 2 }))).toContain(expected);
  });

  it.each([
    ['O.5,2\n3,4\n', 'x.csv, line 1, column 1: must be a finite number (got "O.5")'],
    ['NaN,2\nNaN,4\n', 'x.csv, line 1, column 1: must be a finite number (got "NaN")'],
    ['1,1e999\n3,4\n', 'x.csv, line 1, column 2: must be a finite number (got "1e999")'],
  ])('rejects a mistyped line 1: %j', (text, expected) => {
    expect(inputMessage(() => readCsvRows(text, 'x.csv', { features: 2 }))).toContain(expected);
  });

  it('keeps every headerless numeric row', () => {
    const row = fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), {
      minLength: 3,
      maxLength: 3,
    });
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 6 }), (rows) => {
        const text = rows.map((cells) => cells.join(',')).join('\n');
        const read = readCsvRows(text, 'x.csv', { features: 3 });
        expect(read.count).toBe(rows.length);
        expect([...read.values]).toEqual(rows.flat().map((value) => Number(String(value))));
      }),
    );
  });

  it('requires a header with feature names', () => {
    const layout = { features: 2, featureNames: ['a', 'b'] };
    expect(inputMessage(() => readCsvRows('1,2\n3,4\n', 'x.csv', layout))).toContain(
      'x.csv, line 1: must be a header naming the features a, b (got only numbers)',
    );
  });

  it('rejects a header without a trained feature', () => {
    const layout = { features: 2, featureNames: ['a', 'b'] };
    expect(inputMessage(() => readCsvRows('a,c\n1,2\n', 'x.csv', layout))).toContain(
      'the header must contain the feature "b"',
    );
  });
});

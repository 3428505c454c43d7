import { DataError, allocate, unsafeFromData, type FloatDType } from '@puregrad/tensor';
import * as E from 'fp-ts/lib/Either.js';
import type { ClassificationDataset, Dataset, RegressionDataset } from './dataset.js';
import { parseCsvFields } from './parseCsvFields.js';
import { readFileBytes } from './readFileBytes.js';

/** Options of {@link parseCsv}. */
export interface CsvOptions {
  /** The target column: its header name, or its 0-based index. */
  readonly target: string | number;
  /** 'classification' (labels mapped to 0..k−1) unless 'regression' (a numeric target). */
  readonly task?: 'classification' | 'regression';
  /**
   * The class names, in label order, so that a test file maps its labels as the training file
   * did. Without it the distinct labels are sorted: numerically when all are numbers, else by
   * code unit.
   */
  readonly classes?: readonly string[];
  /** The field separator, one character. ',' unless given. */
  readonly delimiter?: string;
  /** The file name to put in error messages. */
  readonly file?: string;
  /** The data set's name; the file name, or 'csv', unless given. */
  readonly name?: string;
  /** The dtype of the inputs (and regression targets). float32 unless given. */
  readonly dtype?: FloatDType;
}

/** A decimal number as CSV files write it: no hex, no underscores, no empty string. */
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

interface Table {
  readonly header: readonly string[];
  readonly rows: readonly { line: number; fields: string[] }[];
  readonly targetColumn: number;
}

/**
 * Parses numeric CSV text with a header row into a data set: every column but the target is a
 * feature, `inputs` is `[rows, features]`, and the target becomes int32 labels (classification)
 * or float targets `[rows, 1]` (regression). Returns a Left naming the line and column for an
 * empty file, a missing target column, a ragged row, a cell that is not a number, a NaN or
 * infinite value, or a label outside `classes`.
 *
 * @example
 * parseCsv('x1,x2,species\n1,2,a\n3,4,b\n', { target: 'species' }); // labels [0, 1], classes a, b
 */
export function parseCsv(
  text: string,
  options: CsvOptions & { task: 'regression' },
): E.Either<DataError, RegressionDataset>;
export function parseCsv(
  text: string,
  options: CsvOptions & { task?: 'classification' },
): E.Either<DataError, ClassificationDataset>;
export function parseCsv(text: string, options: CsvOptions): E.Either<DataError, Dataset>;
export function parseCsv(text: string, options: CsvOptions): E.Either<DataError, Dataset> {
  const table = parseTable(text, options);
  if (E.isLeft(table)) return table;
  const { header, rows, targetColumn } = table.right;
  const featureNames = header.filter((_, column) => column !== targetColumn);

  const features = header.map((_, column) => column).filter((column) => column !== targetColumn);
  const inputs = readNumbers(rows, features, header, options);
  if (E.isLeft(inputs)) return inputs;
  const common = {
    name: options.name ?? options.file ?? 'csv',
    inputs: unsafeFromData(inputs.right, [rows.length, features.length]),
    featureShape: Object.freeze([features.length]),
    featureNames: Object.freeze(featureNames),
  };

  if (options.task === 'regression') {
    const targets = readNumbers(rows, [targetColumn], header, options);
    if (E.isLeft(targets)) return targets;
    const targetName = header[targetColumn] as string;
    const values = unsafeFromData(targets.right, [rows.length, 1]);
    return E.right({
      task: 'regression',
      ...common,
      targets: values,
      targetName,
    } as RegressionDataset);
  }
  const labels = readLabels(rows, targetColumn, header, options);
  if (E.isLeft(labels)) return labels;
  return E.right({ task: 'classification', ...common, ...labels.right } as ClassificationDataset);
}

/** Reads a CSV file and parses it with {@link parseCsv}; a missing file gives a Left. */
export function readCsvFile(path: string, options: CsvOptions): E.Either<DataError, Dataset> {
  const bytes = readFileBytes(path);
  if (E.isLeft(bytes)) return bytes;
  return parseCsv(new TextDecoder().decode(bytes.right), { file: path, ...options });
}

function parseTable(text: string, options: CsvOptions): E.Either<DataError, Table> {
  const fail = (line: number | undefined, problem: string, field?: string) =>
    E.left(new DataError({ file: options.file, line, field }, `${problem}.`));

  const delimiter = options.delimiter ?? ',';
  const parsed = parseCsvFields(text, delimiter);
  if (!Array.isArray(parsed)) return fail(parsed.line, parsed.problem);
  const [head, ...rows] = parsed;
  if (head === undefined)
    return fail(undefined, 'file is empty. Expected a header row and data rows');
  if (rows.length === 0)
    return fail(head.line, 'file has a header but no data rows. Add at least one row');

  const header = head.fields.map((name) => name.trim());
  const targetColumn =
    typeof options.target === 'number' ? options.target : header.indexOf(options.target);
  if (!Number.isInteger(targetColumn) || targetColumn < 0 || targetColumn >= header.length) {
    return fail(
      head.line,
      `target column must be one of ${header.map((name) => JSON.stringify(name)).join(', ')} or an index in [0, ${header.length - 1}] (got ${JSON.stringify(options.target)}). Check the target option against the header`,
    );
  }
  const ragged = rows.find((row) => row.fields.length !== header.length);
  if (ragged !== undefined) {
    return fail(
      ragged.line,
      `row must have ${header.length} fields like the header (got ${ragged.fields.length}). Check the delimiter and the number of columns`,
    );
  }
  return E.right({ header, rows, targetColumn });
}

function readNumbers(
  rows: Table['rows'],
  columns: readonly number[],
  header: readonly string[],
  options: CsvOptions,
): E.Either<DataError, Float32Array | Float64Array> {
  const out = allocate(options.dtype ?? 'float32', rows.length * columns.length);
  for (const [r, row] of rows.entries()) {
    for (const [c, column] of columns.entries()) {
      const cell = (row.fields[column] as string).trim();
      const value = Number(cell);
      const problem = numberProblem(cell, value);
      if (problem !== undefined) {
        const field = header[column];
        return E.left(new DataError({ file: options.file, line: row.line, field }, `${problem}.`));
      }
      out[r * columns.length + c] = value;
    }
  }
  return E.right(out);
}

function readLabels(
  rows: Table['rows'],
  targetColumn: number,
  header: readonly string[],
  options: CsvOptions,
): E.Either<DataError, { labels: ClassificationDataset['labels']; classes: readonly string[] }> {
  const names = rows.map((row) => (row.fields[targetColumn] as string).trim());
  const classes = options.classes ?? sortClasses([...new Set(names)]);
  const index = new Map(classes.map((name, k) => [name, k]));

  const labels = new Int32Array(rows.length);
  for (const [r, name] of names.entries()) {
    const label = index.get(name);
    if (label === undefined) {
      const location = { file: options.file, line: rows[r]?.line, field: header[targetColumn] };
      const known = classes.map((c) => JSON.stringify(c)).join(', ');
      return E.left(
        new DataError(
          location,
          `label ${JSON.stringify(name)} is out of range: it must be one of ${known}. Pass the classes of the training file.`,
        ),
      );
    }
    labels[r] = label;
  }
  return E.right({
    labels: unsafeFromData(labels, [rows.length]),
    classes: Object.freeze([...classes]),
  });
}

/** Returns why a cell is not a usable feature value, or undefined when it is one. */
function numberProblem(cell: string, value: number): string | undefined {
  if (/^[+-]?(nan|inf(inity)?)$/i.test(cell)) {
    return `${JSON.stringify(cell)} is NaN or infinite, which a feature cannot be. Remove the row or impute the value`;
  }
  if (!NUMBER.test(cell)) {
    return `${JSON.stringify(cell)} is not a number. Use a decimal number such as 1.5 or -2e3`;
  }
  if (!Number.isFinite(value)) {
    return `${JSON.stringify(cell)} overflows to infinity. Rescale the column`;
  }
  return undefined;
}

function sortClasses(names: string[]): string[] {
  const numeric = names.every((name) => NUMBER.test(name));
  return numeric ? names.sort((a, b) => Number(a) - Number(b)) : names.sort();
}

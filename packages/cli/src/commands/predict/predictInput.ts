import { inputError } from '../../cliError.js';

/** Rows to classify, flattened row-major: `[count, features]`, in the model's feature units. */
export interface PredictRows {
  readonly count: number;
  readonly features: number;
  readonly values: Float64Array;
}

/** The row layout that a checkpoint expects. */
export interface RowLayout {
  readonly features: number;
  /** The feature names of a CSV-trained model, used to pick columns from a CSV with a header. */
  readonly featureNames?: readonly string[];
}

/**
 * Reads a JSON array of rows: each row is an array of numbers, or an object keyed by feature name
 * when the layout has names. Numbers are used as given; a row of the wrong length is rejected.
 */
export function readJsonRows(text: string, file: string, layout: RowLayout): PredictRows {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw inputError(`puregrad predict: ${file} is not valid JSON (${reason}). Fix the file.`);
  }
  if (!Array.isArray(parsed) || parsed.length === 0) {
    throw inputError(
      `puregrad predict: ${file} must hold a non-empty JSON array of rows. ` +
        `Write it as [[x1, x2, ...], ...] with ${layout.features} numbers per row.`,
    );
  }

  // A flat array of numbers is one row, which is the natural way to write a single example.
  const rows: unknown[] = parsed.every((cell) => typeof cell === 'number') ? [parsed] : parsed;
  const values = new Float64Array(rows.length * layout.features);
  rows.forEach((row, r) => values.set(jsonRow(row, r, file, layout), r * layout.features));
  return { count: rows.length, features: layout.features, values };
}

function jsonRow(row: unknown, index: number, file: string, layout: RowLayout): number[] {
  const names = layout.featureNames;
  const cells =
    !Array.isArray(row) && typeof row === 'object' && row !== null && names !== undefined
      ? names.map((name) => (row as Record<string, unknown>)[name])
      : row;
  if (!Array.isArray(cells) || cells.length !== layout.features) {
    const got = Array.isArray(cells) ? `${cells.length} values` : typeof row;
    throw inputError(
      `puregrad predict: ${file}, row ${index}: must have ${layout.features} numbers, as the ` +
        `checkpoint's input does (got ${got}). Give rows of ${layout.features} features.`,
    );
  }
  return cells.map((cell, column) => checkNumber(cell, file, `row ${index}, column ${column}`));
}

/**
 * Reads a numeric CSV: a first line with a cell that is neither empty nor a number is a header. With a header and
 * named features, the columns are picked by name, so extra columns such as the class are ignored.
 * Otherwise every row must have exactly the checkpoint's number of features.
 */
export function readCsvRows(text: string, file: string, layout: RowLayout): PredictRows {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  const first = (lines[0] ?? '').split(',').map((cell) => cell.trim());
  // An empty cell is a missing number, not a column name, so it does not make a header.
  const hasHeader = first.some((cell) => cell !== '' && !Number.isFinite(Number(cell)));
  const header = hasHeader ? first : undefined;
  const columns = pickColumns(header, file, layout);
  const body = hasHeader ? lines.slice(1) : lines;
  if (body.length === 0) {
    throw inputError(`puregrad predict: ${file} has no data rows. Add at least one row.`);
  }

  const values = new Float64Array(body.length * layout.features);
  body.forEach((line, r) => {
    const cells = line.split(',');
    const lineNumber = r + (hasHeader ? 2 : 1);
    if (columns === undefined && cells.length !== layout.features) {
      throw inputError(
        `puregrad predict: ${file}, line ${lineNumber}: must have ${layout.features} cells, as the ` +
          `checkpoint's input does (got ${cells.length}). Give rows of ${layout.features} features.`,
      );
    }
    for (let f = 0; f < layout.features; f++) {
      const cell = cells[columns?.[f] ?? f];
      const where = `line ${lineNumber}, column ${(columns?.[f] ?? f) + 1}`;
      values[r * layout.features + f] = checkNumber(cell?.trim(), file, where, true);
    }
  });
  return { count: body.length, features: layout.features, values };
}

function pickColumns(
  header: readonly string[] | undefined,
  file: string,
  layout: RowLayout,
): number[] | undefined {
  if (header === undefined || layout.featureNames === undefined) return undefined;
  return layout.featureNames.map((name) => {
    const column = header.indexOf(name);
    if (column === -1) {
      throw inputError(
        `puregrad predict: ${file}: the header must contain the feature "${name}" that the ` +
          `checkpoint was trained on (got ${header.join(', ')}). Rename or add the column.`,
      );
    }
    return column;
  });
}

function checkNumber(cell: unknown, file: string, where: string, fromText = false): number {
  const value = fromText && typeof cell === 'string' && cell !== '' ? Number(cell) : cell;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw inputError(
      `puregrad predict: ${file}, ${where}: must be a finite number (got ${JSON.stringify(cell) ?? 'nothing'}). ` +
        'Fix the value.',
    );
  }
  return value;
}

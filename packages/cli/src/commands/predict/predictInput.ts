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
  const keyed = !Array.isArray(row) && typeof row === 'object' && row !== null;
  const cells = keyed && names !== undefined ? namedCells(row, names, index, file) : row;
  if (!Array.isArray(cells) || cells.length !== layout.features) {
    const got = Array.isArray(cells) ? `${cells.length} values` : typeof row;
    throw inputError(
      `puregrad predict: ${file}, row ${index}: must have ${layout.features} numbers, as the ` +
        `checkpoint's input does (got ${got}). Give rows of ${layout.features} features.`,
    );
  }
  return cells.map((cell, column) => checkNumber(cell, file, `row ${index}, column ${column}`));
}

/** The values of a JSON object row in feature order; a missing feature is named. */
function namedCells(row: object, names: readonly string[], index: number, file: string): unknown[] {
  const missing = names.find((name) => !Object.hasOwn(row, name));
  if (missing !== undefined) {
    throw inputError(
      `puregrad predict: ${file}, row ${index}: must have the feature "${missing}" that the ` +
        `checkpoint was trained on (got ${Object.keys(row).join(', ') || 'no keys'}). Add the key.`,
    );
  }
  return names.map((name) => (row as Record<string, unknown>)[name]);
}

/**
 * Reads a numeric CSV. With named features (a CSV-trained checkpoint), line 1 must be a header,
 * and the columns are picked from it by name, so extra columns such as the class are ignored.
 * Without names, line 1 is data when every cell is a number and a header when no cell is one; a
 * line 1 that mixes both is a mistyped data row and is rejected at its first bad cell.
 * Without a picked layout every row must have exactly the checkpoint's number of features.
 */
export function readCsvRows(text: string, file: string, layout: RowLayout): PredictRows {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  const header = readHeader(lines[0] ?? '', file, layout);
  const columns = pickColumns(header, file, layout);
  const body = header === undefined ? lines : lines.slice(1);
  if (body.length === 0) {
    throw inputError(`puregrad predict: ${file} has no data rows. Add at least one row.`);
  }

  const values = new Float64Array(body.length * layout.features);
  body.forEach((line, r) => {
    const cells = line.split(',');
    const lineNumber = r + (header === undefined ? 1 : 2);
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

/** Returns the header cells of line 1, or undefined when line 1 is data (rule: readCsvRows). */
function readHeader(line: string, file: string, layout: RowLayout): string[] | undefined {
  const cells = line.split(',').map((cell) => cell.trim());
  // An empty cell is not a number, since Number('') would quietly read it as 0.
  const numeric = cells.map((cell) => cell !== '' && Number.isFinite(Number(cell)));
  if (layout.featureNames !== undefined) {
    if (numeric.every(Boolean)) {
      throw inputError(
        `puregrad predict: ${file}, line 1: must be a header naming the features ` +
          `${layout.featureNames.join(', ')} (got only numbers). Add the header line.`,
      );
    }
    return cells;
  }

  if (numeric.every(Boolean)) return undefined;
  if (!numeric.some(Boolean)) return cells;
  // Some cells are numbers, so line 1 is a data row with a typo: checkNumber throws at it.
  const column = numeric.indexOf(false);
  checkNumber(cells[column], file, `line 1, column ${column + 1}`, true);
  return undefined;
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

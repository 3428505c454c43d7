/**
 * Base class of every error that puregrad raises on purpose. Its message starts with the public
 * function that rejected the input, then states what was wrong with the value received and what to do.
 */
export class PuregradError extends Error {
  override name = 'PuregradError';
}

/** A tensor's shape breaks an operation's rule, e.g. the inner dimensions of a matmul differ. */
export class ShapeError extends PuregradError {
  override name = 'ShapeError';
}

/** A tensor has a dtype the operation does not accept, or two operands' dtypes differ. */
export class DTypeError extends PuregradError {
  override name = 'DTypeError';
}

/** An argument other than a tensor's shape or dtype is invalid: a NaN, a negative size, an unknown name. */
export class InvalidArgumentError extends PuregradError {
  override name = 'InvalidArgumentError';
}

/** The location of a {@link DataError} in a data source. Every field is optional. */
export interface DataLocation {
  /** The file's path, as the caller gave it. */
  readonly file?: string;
  /** The record (an image, a CSV row, a tensor) counted from 0, or a line counted from 1. */
  readonly record?: number;
  readonly line?: number;
  /** The field or column within the record. */
  readonly field?: string;
}

/**
 * Bad data: a truncated file, a bad magic number, a NaN cell, a label out of range. The message
 * names the location first, e.g. `train.csv, line 3, field "x2": "abc" is not a number`.
 */
export class DataError extends PuregradError {
  override name = 'DataError';
  readonly location: DataLocation;

  constructor(location: DataLocation, problem: string) {
    super(formatDataError(location, problem));
    this.location = location;
  }
}

function formatDataError(location: DataLocation, problem: string): string {
  const parts: string[] = [];
  if (location.file !== undefined) parts.push(location.file);
  if (location.line !== undefined) parts.push(`line ${location.line}`);
  if (location.record !== undefined) parts.push(`record ${location.record}`);
  if (location.field !== undefined) parts.push(`field "${location.field}"`);
  return parts.length === 0 ? problem : `${parts.join(', ')}: ${problem}`;
}

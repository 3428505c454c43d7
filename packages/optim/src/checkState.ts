import { InvalidArgumentError } from '@puregrad/tensor';

// Each update reads its state's fields by name, so a state from another optimizer (say SGD's for
// Adam) would fail deep inside the step with a TypeError. The check costs a few property reads.

function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value !== 'object') return typeof value;
  return `fields [${Object.keys(value).join(', ')}]`;
}

function isCount(value: unknown): boolean {
  const count = value as { dtype?: unknown; data?: { length?: unknown } } | undefined;
  return count?.dtype === 'int32' && count.data?.length === 1;
}

function hasFields(optState: unknown, fields: readonly string[]): boolean {
  if (optState === null || typeof optState !== 'object' || Array.isArray(optState)) return false;
  const record = optState as Readonly<Record<string, unknown>>;
  if (!fields.every((field) => record[field] !== undefined && record[field] !== null)) return false;
  return !fields.includes('count') || isCount(record['count']);
}

/**
 * Raises an InvalidArgumentError unless `optState` is a record with the named fields, as the
 * transformation's `init` builds it. A `count` field must be an int32 scalar.
 */
export function checkStateFields(fn: string, optState: unknown, fields: readonly string[]): void {
  if (hasFields(optState, fields)) return;
  throw new InvalidArgumentError(
    `${fn}: optState must be a record with ${fields.join(', ')} (count an int32 scalar), as this optimizer's init returns it (got ${describe(optState)}). Pass the optState from init or the last update of the same optimizer.`,
  );
}

/** Raises an InvalidArgumentError unless `optState` is an array of one state per transformation. */
export function checkStateArray(fn: string, optState: unknown, length: number): void {
  if (Array.isArray(optState) && optState.length === length) return;
  throw new InvalidArgumentError(
    `${fn}: optState must be an array of ${length} states, one per transformation, as this optimizer's init returns it (got ${describe(optState)}). Pass the optState from init or the last update of the same optimizer.`,
  );
}

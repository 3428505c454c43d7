import { InvalidArgumentError } from '@puregrad/tensor';

// Hyperparameter checks, run once when an optimizer or schedule is built so that `update` stays
// free of checks that cannot fail.

/** Rejects a value that is not a finite number ≥ 0. */
export function checkNonNegative(fn: string, name: string, value: number, advice: string): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new InvalidArgumentError(
      `${fn}: ${name} must be a finite number ≥ 0 (got ${String(value)}). ${advice}.`,
    );
  }
}

/** Rejects a value that is not a finite number > 0. */
export function checkPositive(fn: string, name: string, value: number, advice: string): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new InvalidArgumentError(
      `${fn}: ${name} must be a finite number > 0 (got ${String(value)}). ${advice}.`,
    );
  }
}

/** Rejects a value outside [0, 1), the range of momentum terms and Adam's betas. */
export function checkUnitInterval(fn: string, name: string, value: number, advice: string): void {
  if (typeof value !== 'number' || !(value >= 0 && value < 1)) {
    throw new InvalidArgumentError(
      `${fn}: ${name} must be in [0, 1) (got ${String(value)}). ${advice}.`,
    );
  }
}

/** Rejects a value that is not an integer ≥ `min`. */
export function checkInteger(fn: string, name: string, value: number, min: number): void {
  if (!Number.isSafeInteger(value) || value < min) {
    throw new InvalidArgumentError(
      `${fn}: ${name} must be an integer ≥ ${min} (got ${String(value)}). Pass a whole number of steps.`,
    );
  }
}

/** Rejects a value that is not a boolean. */
export function checkBoolean(fn: string, name: string, value: unknown): void {
  if (typeof value !== 'boolean') {
    throw new InvalidArgumentError(
      `${fn}: ${name} must be true or false (got ${String(value)}). Pass a boolean.`,
    );
  }
}

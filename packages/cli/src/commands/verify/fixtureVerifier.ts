import type { Either } from 'fp-ts/lib/Either.js';
import type { DataError } from '@puregrad/tensor';

/** The element that misses its expected value by the most, measured in tolerances. */
export interface FixtureMismatch {
  /** The value's location, e.g. `step 2, layer 1, gamma[3]`: steps and layers from 1, elements from 0. */
  readonly location: string;
  readonly expected: number;
  readonly actual: number;
  /** `|actual − expected| / (tolerance · max(1, |expected|))`; above 1 means a mismatch. */
  readonly ratio: number;
}

/** The result of replaying one fixture file through the library. */
export interface FixtureOutcome {
  /** The fixture's own `name` field. */
  readonly name: string;
  /** The relative tolerance the fixture states. */
  readonly tolerance: number;
  /** How many numbers were compared. */
  readonly compared: number;
  /** The worst element beyond tolerance, or undefined when every number matched. */
  readonly mismatch?: FixtureMismatch;
}

/**
 * A function that parses a fixture's JSON value and replays it: a Left names the malformed field,
 * a Right reports the comparison. `file` is the path shown in error messages.
 */
export type FixtureVerifier = (fixture: unknown, file: string) => Either<DataError, FixtureOutcome>;

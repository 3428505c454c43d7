import { pipe } from 'fp-ts/lib/function.js';
import { map, type Either } from 'fp-ts/lib/Either.js';
import type { DataError } from '@puregrad/tensor';
import { parseFixture } from './parseFixture.js';
import { replayFixture, type FixtureMismatch } from './replayFixture.js';

/** The outcome of verifying one fixture, as `puregrad verify` prints it. */
export interface FixtureOutcome {
  readonly name: string;
  readonly tolerance: number;
  readonly compared: number;
  /** The worst number beyond tolerance, or undefined when every number matched. */
  readonly mismatch?: FixtureMismatch;
}

/**
 * Parses a fixture's JSON value and replays it: a DataError naming the bad field on the left, or
 * the number of values compared and the worst mismatch on the right. `file` names the fixture in
 * error messages.
 *
 * @example
 * const outcome = verifyFixture(JSON.parse(text), 'dense-bn-relu-nesterov.json');
 */
export function verifyFixture(json: unknown, file?: string): Either<DataError, FixtureOutcome> {
  return pipe(
    parseFixture(json, file),
    map(replayFixture),
    map(({ name, tolerance, compared, worst }) =>
      worst === undefined
        ? { name, tolerance, compared }
        : { name, tolerance, compared, mismatch: worst },
    ),
  );
}

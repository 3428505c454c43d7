import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { isLeft } from 'fp-ts/lib/Either.js';
import type { CommandSpec, ParsedArgs } from '../../args.js';
import { ExitCode, inputError, type ExitCodeValue } from '../../cliError.js';
import type { CliIo } from '../../cliIo.js';
import type { Command } from '../command.js';
import type { FixtureOutcome, FixtureVerifier } from './fixtureVerifier.js';

const spec: CommandSpec = {
  name: 'verify',
  summary:
    'Replays every reference fixture (*.json) in DIR through the library and compares each ' +
    "step's loss, outputs, gradients, parameters and running statistics, and the inference pass, " +
    "within the fixture's relative tolerance. DIR may also be a single fixture file. Exits 0 " +
    'only when every fixture matches.',
  positionals: ['DIR'],
  options: [],
};

/** One fixture file's result: matched, mismatched, or rejected as malformed. */
type FileResult =
  | { readonly kind: 'ok' | 'mismatch'; readonly outcome: FixtureOutcome }
  | { readonly kind: 'malformed'; readonly message: string };

/** Creates the `verify` command around a fixture verifier, so tests can inject their own. */
export function verifyCommand(verifier: FixtureVerifier): Command {
  return { spec, run: (args, io) => runVerify(verifier, args, io) };
}

async function runVerify(
  verifier: FixtureVerifier,
  args: ParsedArgs,
  io: CliIo,
): Promise<ExitCodeValue> {
  const target = args.positionals[0] as string;
  const files = listFixtures(resolve(io.cwd, target), target);
  const results = files.map((file) => verifyFile(verifier, file));

  results.forEach((result, i) => io.stdout.write(`${formatResult(files[i] as string, result)}\n`));
  const matched = results.filter((result) => result.kind === 'ok').length;
  io.stdout.write(`verified ${matched} of ${results.length} fixtures\n`);

  if (results.some((result) => result.kind === 'malformed')) return ExitCode.input;
  return matched === results.length ? ExitCode.ok : ExitCode.mismatch;
}

function listFixtures(path: string, givenPath: string): string[] {
  let isFile: boolean;
  try {
    isFile = statSync(path).isFile();
  } catch {
    throw inputError(
      `puregrad verify: ${givenPath} was not found. Give a folder of fixture files or one fixture file.`,
    );
  }
  if (isFile) return [path];

  const names = readdirSync(path)
    .filter((name) => name.endsWith('.json'))
    .sort();
  if (names.length === 0) {
    throw inputError(
      `puregrad verify: ${givenPath} contains no .json fixture files. Give the folder that contains them.`,
    );
  }
  return names.map((name) => join(path, name));
}

function verifyFile(verifier: FixtureVerifier, file: string): FileResult {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { kind: 'malformed', message: `${basename(file)}: invalid JSON (${reason})` };
  }

  const outcome = verifier(json, basename(file));
  if (isLeft(outcome)) return { kind: 'malformed', message: outcome.left.message };
  return { kind: outcome.right.mismatch === undefined ? 'ok' : 'mismatch', outcome: outcome.right };
}

/** Formats one result line: `ok`, `FAIL` with the worst mismatch, or `error` with the bad field. */
function formatResult(file: string, result: FileResult): string {
  const name = basename(file);
  // The message names the file already, as the verifier's DataError does.
  if (result.kind === 'malformed') return `error ${result.message}`;

  const { outcome } = result;
  if (outcome.mismatch === undefined) {
    return `ok    ${name}: ${outcome.compared} values within relative tolerance ${outcome.tolerance}`;
  }
  const { location, expected, actual, ratio } = outcome.mismatch;
  return (
    `FAIL  ${name}: ${location}: expected ${expected}, got ${actual} ` +
    `(${ratio.toPrecision(3)} times the relative tolerance ${outcome.tolerance})`
  );
}

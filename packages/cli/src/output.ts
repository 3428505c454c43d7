import type { CliIo, OutputStream } from './cliIo.js';

/**
 * The streams of a command that can print JSON: `human` receives the lines meant for people and
 * `progress` the progress bars. With `--json`, both are stderr and stdout receives only the result.
 */
export interface CommandOutput {
  readonly human: OutputStream;
  readonly progress: OutputStream;
  /** Prints the final result: as one JSON object with `--json`, through `describe` otherwise. */
  result(value: object, describe: () => string): void;
}

/** Creates the output routing for a command, with `json` from its `--json` flag. */
export function commandOutput(io: CliIo, json: boolean): CommandOutput {
  return {
    human: json ? io.stderr : io.stdout,
    progress: io.stderr,
    result(value, describe) {
      io.stdout.write(json ? `${JSON.stringify(value, jsonNumbers)}\n` : describe());
    },
  };
}

// JSON has no NaN or Infinity, and JSON.stringify would turn them into null silently; a string
// keeps the value visible to the reader of the result.
function jsonNumbers(_key: string, value: unknown): unknown {
  return typeof value === 'number' && !Number.isFinite(value) ? String(value) : value;
}

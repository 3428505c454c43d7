/** Exit codes of the `puregrad` command. */
export const ExitCode = {
  /** The command did what was asked; for `verify`, every fixture matched. */
  ok: 0,
  /** `verify` found a fixture that does not match the library. */
  mismatch: 1,
  /** The command line is wrong: an unknown command or flag, a missing or invalid value. */
  usage: 2,
  /** A file or its content is wrong: missing, unreadable, malformed, or not fitting a checkpoint. */
  input: 3,
  /** Anything else failed, such as training that produced a non-finite loss. */
  failure: 4,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/**
 * An error that the CLI reports as one line on stderr before it exits with `exitCode`. The message
 * states what was wrong and what to do, like every puregrad error.
 */
export class CliError extends Error {
  override name = 'CliError';
  readonly exitCode: ExitCodeValue;

  constructor(message: string, exitCode: ExitCodeValue) {
    super(message);
    this.exitCode = exitCode;
  }
}

/** Creates a CliError for a wrong command line, which exits with the usage code. */
export function usageError(message: string): CliError {
  return new CliError(message, ExitCode.usage);
}

/** Creates a CliError for a missing, unreadable or malformed input, which exits with the input code. */
export function inputError(message: string): CliError {
  return new CliError(message, ExitCode.input);
}

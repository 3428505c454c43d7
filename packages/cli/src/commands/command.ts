import type { CommandSpec, ParsedArgs } from '../args.js';
import type { CliIo } from '../cliIo.js';
import type { ExitCodeValue } from '../cliError.js';

/** A subcommand of `puregrad`: its spec for parsing and help, and the function that runs it. */
export interface Command {
  readonly spec: CommandSpec;
  run(args: ParsedArgs, io: CliIo): Promise<ExitCodeValue>;
}

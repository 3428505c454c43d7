import { verifyFixture } from '@puregrad/train';
import type { CliIo } from './cliIo.js';
import type { ExitCodeValue } from './cliError.js';
import type { Command } from './commands/command.js';
import { evaluateCommand } from './commands/evaluate/evaluateCommand.js';
import { predictCommand } from './commands/predict/predictCommand.js';
import { trainCommand } from './commands/train/trainCommand.js';
import { verifyCommand } from './commands/verify/verifyCommand.js';
import { runCli } from './runCli.js';

/** The commands of `puregrad`, in the order the overview lists them. */
export const commands: readonly Command[] = [
  trainCommand,
  evaluateCommand,
  predictCommand,
  verifyCommand(verifyFixture),
];

/**
 * Runs the `puregrad` command line `argv` (without `node` and the script) and returns the exit
 * code. Everything it prints goes through `io`, so tests can call it with buffers.
 *
 * @example
 * const code = await main(['verify', 'test/fixtures'], nodeIo());
 */
export function main(argv: readonly string[], io: CliIo): Promise<ExitCodeValue> {
  return runCli(commands, argv, io);
}

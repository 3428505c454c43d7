import { parseArgs } from './args.js';
import { CliError, ExitCode, type ExitCodeValue } from './cliError.js';
import type { CliIo } from './cliIo.js';
import type { Command } from './commands/command.js';
import { renderHelp } from './help.js';

/** Renders the overview that `puregrad` prints for `--help` or an empty command line. */
export function renderOverview(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((command) => command.spec.name.length));
  const lines = commands.map(
    (c) => `  ${c.spec.name.padEnd(width)}  ${firstSentence(c.spec.summary)}`,
  );
  return [
    'Usage: puregrad COMMAND [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'Run "puregrad COMMAND --help" for the options of a command.',
    '',
  ].join('\n');
}

/**
 * Runs one command line against the given commands and returns the exit code. Every error becomes
 * one line on stderr: a CliError keeps its code, a puregrad DataError or a file system error exits
 * with the input code, and anything else with the failure code. The CLI checks every flag before
 * passing it to the library, so a library InvalidArgumentError means that training itself went wrong.
 */
export async function runCli(
  commands: readonly Command[],
  argv: readonly string[],
  io: CliIo,
): Promise<ExitCodeValue> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const stream = name === undefined ? io.stderr : io.stdout;
    stream.write(renderOverview(commands));
    return name === undefined ? ExitCode.usage : ExitCode.ok;
  }

  const command = commands.find((c) => c.spec.name === name);
  if (command === undefined) {
    const names = commands.map((c) => c.spec.name).join(', ');
    return reportError(
      io,
      new CliError(
        `puregrad: "${name}" is not a command. Use one of ${names}, or run "puregrad --help".`,
        ExitCode.usage,
      ),
    );
  }

  try {
    const args = parseArgs(command.spec, rest);
    if (args.help) {
      io.stdout.write(renderHelp(command.spec));
      return ExitCode.ok;
    }
    return await command.run(args, io);
  } catch (error) {
    return reportError(io, error, name);
  }
}

function reportError(io: CliIo, error: unknown, commandName?: string): ExitCodeValue {
  const { message, exitCode } = describeError(error, commandName);
  // Library messages may hold newlines, but scripts expect one line to show or grep.
  io.stderr.write(`${message.replace(/\s*\n\s*/g, ' ')}\n`);
  return exitCode;
}

function describeError(
  error: unknown,
  commandName = '',
): { message: string; exitCode: ExitCodeValue } {
  const prefix = commandName === '' ? 'puregrad:' : `puregrad ${commandName}:`;
  if (error instanceof CliError) return { message: error.message, exitCode: error.exitCode };
  if (!(error instanceof Error))
    return { message: `${prefix} ${String(error)}`, exitCode: ExitCode.failure };

  if (error.name === 'DataError')
    return { message: `${prefix} ${error.message}`, exitCode: ExitCode.input };
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR' || code === 'ENOTDIR') {
    return { message: `${prefix} ${error.message}. Check the path.`, exitCode: ExitCode.input };
  }
  return {
    message: `${prefix} failed: ${error.name}: ${error.message}`,
    exitCode: ExitCode.failure,
  };
}

function firstSentence(text: string): string {
  const end = text.indexOf('. ');
  return end === -1 ? text : text.slice(0, end + 1);
}

import type { CliIo } from './cliIo.js';

/** Returns the CliIo of the running process: its stdout, stderr, working folder and clock. */
export function nodeIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    cwd: process.cwd(),
    now: () => new Date(),
  };
}

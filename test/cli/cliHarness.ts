import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bufferStream, main } from '@puregrad/cli';

/** The result of one in-process run of the command. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Creates an empty temporary folder for one test's files. */
export function scratchFolder(): string {
  return mkdtempSync(join(tmpdir(), 'puregrad-cli-'));
}

/** Runs `puregrad ARGV` in-process with `cwd` as the working folder and buffers for its streams. */
export async function runPuregrad(argv: readonly string[], cwd: string): Promise<CliRun> {
  const stdout = bufferStream();
  const stderr = bufferStream();
  const now = () => new Date(Date.UTC(2026, 11, 4, 15, 30, 0));
  const code = await main(argv, { stdout, stderr, cwd, now });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

/** The flags of the small training run the tests share: 300 digits per split, three epochs. */
export const smallRun = ['--limit', '300', '--epochs', '3', '--batch-size', '64'];

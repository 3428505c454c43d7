import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPuregrad, scratchFolder, smallRun } from './cliHarness.js';

// The small run with two epochs in place of three, for the first half of a resumed run.
const firstHalf = smallRun.map((word, i) => (smallRun[i - 1] === '--epochs' ? '2' : word));

function readTensors(cwd: string, run: string): Buffer {
  return readFileSync(join(cwd, run, 'checkpoint', 'model.safetensors'));
}

describe('train --resume', () => {
  it('equals an uninterrupted run', async () => {
    const cwd = scratchFolder();
    const whole = await runPuregrad(['train', ...smallRun, '--out', 'whole', '--json'], cwd);
    const half = await runPuregrad(['train', ...firstHalf, '--out', 'half', '--json'], cwd);
    const resumed = await runPuregrad(
      ['train', '--resume', 'half/checkpoint', '--epochs', '3', '--out', 'resumed', '--json'],
      cwd,
    );
    expect(whole.code).toBe(0);
    expect(half.code).toBe(0);
    expect(resumed.code).toBe(0);

    const wholeResult = JSON.parse(whole.stdout);
    const resumedResult = JSON.parse(resumed.stdout);
    expect(resumedResult.epochs).toBe(3);
    expect(resumedResult.history).toEqual(wholeResult.history);
    expect(resumedResult.testAccuracy).toBe(wholeResult.testAccuracy);
    expect(resumedResult.testLoss).toBe(wholeResult.testLoss);
    // Params, running statistics and optimizer state, bit for bit.
    expect(readTensors(cwd, 'resumed').equals(readTensors(cwd, 'whole'))).toBe(true);
  });

  it('rejects flags the checkpoint fixes', async () => {
    // The flags are checked before the checkpoint is read, so none needs to exist.
    const run = await runPuregrad(
      ['train', '--resume', 'half/checkpoint', '--lr', '0.01'],
      scratchFolder(),
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--lr must not be given with --resume');
  });

  it('rejects a total already reached', async () => {
    const cwd = scratchFolder();
    await runPuregrad(['train', ...firstHalf, '--out', 'half'], cwd);
    const run = await runPuregrad(['train', '--resume', 'half/checkpoint', '--epochs', '2'], cwd);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain(
      '--epochs must exceed the 2 epochs that half/checkpoint has trained (got 2)',
    );
  });
});

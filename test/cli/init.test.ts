import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPuregrad, scratchFolder } from './cliHarness.js';

// One epoch over 300 digits per split: enough to write a checkpoint.
const tinyRun = ['--limit', '300', '--epochs', '1', '--batch-size', '64'];

interface Manifest {
  hyperparameters: { init?: string };
}

function manifestOf(cwd: string, run: string): Manifest {
  const path = join(cwd, run, 'checkpoint', 'manifest.json');
  return JSON.parse(readFileSync(path, 'utf8')) as Manifest;
}

describe('train --init', () => {
  it('records the default initialization', async () => {
    const cwd = scratchFolder();
    const run = await runPuregrad(['train', ...tinyRun, '--out', 'a'], cwd);
    expect(run.code).toBe(0);
    expect(manifestOf(cwd, 'a').hyperparameters.init).toBe('uniformFanIn');
  });

  it('records a chosen initialization and evaluates with it', async () => {
    const cwd = scratchFolder();
    const args = ['train', ...tinyRun, '--init', 'auto', '--out', 'b', '--json'];
    const train = await runPuregrad(args, cwd);
    expect(train.code).toBe(0);
    expect(manifestOf(cwd, 'b').hyperparameters.init).toBe('auto');

    const evaluate = await runPuregrad(['evaluate', join('b', 'checkpoint'), '--json'], cwd);
    expect(evaluate.code).toBe(0);
    const trained = JSON.parse(train.stdout) as { testAccuracy: number };
    const evaluated = JSON.parse(evaluate.stdout) as { testAccuracy: number };
    expect(evaluated.testAccuracy).toBe(trained.testAccuracy);
  });

  it('rejects an unknown initialization', async () => {
    const run = await runPuregrad(['train', '--init', 'zeros'], scratchFolder());
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--init');
    expect(run.stderr).toContain('uniformFanIn');
  });
});

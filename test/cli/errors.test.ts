import { cpSync, mkdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runPuregrad, scratchFolder, type CliRun } from './cliHarness.js';

/** Expects a failed run: the exit code, one line on stderr with `message`, and nothing on stdout. */
function expectError(run: CliRun, code: number, message: string): void {
  expect(run.code).toBe(code);
  expect(run.stdout).toBe('');
  expect(run.stderr.endsWith('\n')).toBe(true);
  expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(run.stderr).toContain(message);
}

describe('command line errors', () => {
  const cwd = scratchFolder();

  it.each([
    [['fly'], '"fly" is not a command'],
    [['train', '--bogus'], '--bogus is not an option of this command'],
    [['train', '--lr', '-1'], '--lr must be a number above 0 (got "-1")'],
    [['train', '--lr'], '--lr must be followed by a value'],
    [
      ['train', '--layers', '256,0'],
      '--layers must be a comma-separated list of integers of at least 1',
    ],
    [
      ['train', '--validation-share', '1'],
      '--validation-share must be a number in [0, 1) (got "1")',
    ],
    [['train', '--epochs', 'ten'], '--epochs must be an integer of at least 1 (got "ten")'],
    [['train', '--optimizer', 'rmsprop'], '--optimizer must be one of adam, adamw, sgd'],
    [['train', '--dataset', 'idx'], '--dataset idx needs --data'],
    [['train', '--dataset', 'csv', '--file', 'x.csv'], '--dataset csv needs --target'],
    [['train', '--data', 'dir'], '--data applies only to --dataset idx'],
    [['train', '--optimizer', 'sgd', '--nesterov'], '--nesterov must come with --momentum above 0'],
    [
      ['train', '--optimizer', 'sgd', '--beta1', '0.8'],
      '--beta1 applies only to --optimizer adam or adamw',
    ],
    [['train', '--weight-decay', '0.1'], '--weight-decay applies only to --optimizer adamw'],
    [['train', '--momentum', '0.9'], '--momentum applies only to --optimizer sgd'],
    [['train', 'extra'], '"extra" is an unexpected argument'],
    [['evaluate'], 'the CHECKPOINT argument is missing'],
    [['predict', 'ckpt'], '--input is missing'],
  ])('rejects %j', async (argv, message) => {
    expectError(await runPuregrad(argv, cwd), 2, message);
  });

  it('prints the overview and exits 2 without a command', async () => {
    const run = await runPuregrad([], cwd);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Usage: puregrad COMMAND [options]');
  });

  it('rejects an IDX folder without the files', async () => {
    mkdirSync(join(cwd, 'no-idx'), { recursive: true });
    const run = await runPuregrad(
      ['train', '--dataset', 'idx', '--data', 'no-idx', '--out', 'x'],
      cwd,
    );
    expectError(run, 3, 'puregrad train: ');
    expect(run.stderr).toContain('train-images');
  });

  it('reports a diverging run as a failure', async () => {
    const run = await runPuregrad(
      ['train', '--dataset', 'iris', '--lr', '1e38', '--epochs', '3', '--out', 'nan'],
      cwd,
    );
    expect(run.code).toBe(4);
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines.at(-1)).toMatch(/^puregrad train: .*must be finite/);
  });

  it('leaves a failed run folder reusable', async () => {
    const failed = await runPuregrad(
      ['train', '--dataset', 'iris', '--lr', '1e38', '--out', 'retry'],
      cwd,
    );
    expect(failed.code).toBe(4);
    const retried = await runPuregrad(
      ['train', '--dataset', 'iris', '--epochs', '1', '--out', 'retry'],
      cwd,
    );
    expect(retried.stderr).not.toContain('already exists');
    expect(retried.code).toBe(0);
  });

  it('rejects a CSV cell that is not a number', async () => {
    writeFileSync(join(cwd, 'bad.csv'), 'a,b,label\n1,2,x\n1,oops,y\n');
    const run = await runPuregrad(
      ['train', '--dataset', 'csv', '--file', 'bad.csv', '--target', 'label', '--out', 'y'],
      cwd,
    );
    expectError(run, 3, 'bad.csv');
    expect(run.stderr).toContain('line 3');
  });
});

describe('checkpoint errors', () => {
  const cwd = scratchFolder();

  beforeAll(async () => {
    const run = await runPuregrad(
      ['train', '--dataset', 'iris', '--epochs', '2', '--batch-size', '16', '--out', 'iris'],
      cwd,
    );
    expect(run.code).toBe(0);
  });

  /** Copies the trained checkpoint to a new folder and returns its path. */
  function copyCheckpoint(name: string): string {
    cpSync(join(cwd, 'iris', 'checkpoint'), join(cwd, name), { recursive: true });
    return name;
  }

  it('rejects a missing checkpoint', async () => {
    expectError(
      await runPuregrad(['evaluate', 'nowhere'], cwd),
      3,
      'nowhere/manifest.json: file not found',
    );
  });

  it('rejects a manifest that is not JSON', async () => {
    const dir = copyCheckpoint('bad-json');
    writeFileSync(join(cwd, dir, 'manifest.json'), '{ broken');
    expectError(
      await runPuregrad(['evaluate', dir], cwd),
      3,
      'bad-json/manifest.json: manifest must be valid JSON',
    );
  });

  it('names a missing manifest field', async () => {
    const dir = copyCheckpoint('no-classes');
    const path = join(cwd, dir, 'manifest.json');
    const manifest = JSON.parse(readFileSync(path, 'utf8'));
    delete manifest.dataset.classes;
    writeFileSync(path, JSON.stringify(manifest));
    expectError(
      await runPuregrad(['predict', dir, '--input', 'x.json'], cwd),
      3,
      'field "dataset.classes" must be an array of strings',
    );
  });

  it('rejects tensors that do not fit the network', async () => {
    const dir = copyCheckpoint('other-layers');
    const path = join(cwd, dir, 'manifest.json');
    const manifest = JSON.parse(readFileSync(path, 'utf8'));
    manifest.hyperparameters.hiddenLayers = [255, 128];
    writeFileSync(path, JSON.stringify(manifest));
    expectError(
      await runPuregrad(['evaluate', dir], cwd),
      3,
      '.bias" must be float32 [255] as the manifest\'s network needs (got float32 [256])',
    );
  });

  /** The manifest fields the edits below touch. */
  interface EditableManifest {
    architecture: { units: number; activation: string }[];
    hyperparameters: { activation: string };
    loss: unknown;
    optimizer: { learningRate: number };
    epoch: number;
  }

  /** Copies the checkpoint, applies `edit` to its parsed manifest and writes it back. */
  function editManifest(name: string, edit: (manifest: EditableManifest) => void): string {
    const dir = copyCheckpoint(name);
    const path = join(cwd, dir, 'manifest.json');
    const manifest = JSON.parse(readFileSync(path, 'utf8'));
    edit(manifest);
    writeFileSync(path, JSON.stringify(manifest));
    return dir;
  }

  // Each edit keeps every tensor's shape, so only the comparison with the rebuilt network finds it.
  const edits: readonly (readonly [string, string, (manifest: EditableManifest) => void])[] = [
    ['units', 'architecture', (m) => (m.architecture[0]!.units += 1)],
    ['activation', 'architecture', (m) => (m.architecture[0]!.activation = 'sigmoid')],
    ['last-layer', 'architecture', (m) => m.architecture.pop()],
    ['hyper-activation', 'architecture', (m) => (m.hyperparameters.activation = 'sigmoid')],
    ['loss', 'loss', (m) => (m.loss = { kind: 'meanSquaredError' })],
    ['optimizer', 'optimizer', (m) => (m.optimizer.learningRate = 0.5)],
    ['epoch', 'epoch', (m) => (m.epoch += 1)],
  ];

  for (const [name, field, edit] of edits) {
    it(`rejects a manifest edited at ${name}`, async () => {
      const dir = editManifest(`edited-${name}`, edit);
      // predict checks the checkpoint before it reads the input, so x.json need not exist.
      for (const argv of [
        ['evaluate', dir],
        ['predict', dir, '--input', 'x.json'],
      ]) {
        const run = await runPuregrad(argv, cwd);
        expectError(run, 3, `field "${field}" does not match`);
        expect(run.stderr).toContain('The checkpoint was edited or is corrupt');
      }
    });
  }

  it('resumes nothing from an edited manifest', async () => {
    const dir = editManifest('edited-resume', (m) => (m.epoch = 1));
    const run = await runPuregrad(['train', '--resume', dir, '--epochs', '3'], cwd);
    expectError(run, 3, 'field "epoch" does not match the length of "history"');
  });

  it('accepts a manifest whose keys were only reordered', async () => {
    const dir = editManifest('reordered', (m) => {
      m.architecture = m.architecture.map(
        (layer) => Object.fromEntries(Object.entries(layer).reverse()) as typeof layer,
      );
    });
    expect((await runPuregrad(['evaluate', dir], cwd)).code).toBe(0);
  });

  it('rejects truncated tensors', async () => {
    const dir = copyCheckpoint('truncated');
    truncateSync(join(cwd, dir, 'model.safetensors'), 100);
    const run = await runPuregrad(['evaluate', dir], cwd);
    expectError(run, 3, 'model.safetensors');
  });

  it('rejects input rows of the wrong width', async () => {
    writeFileSync(join(cwd, 'wide.json'), JSON.stringify([[1, 2, 3, 4, 5]]));
    expectError(
      await runPuregrad(['predict', 'iris/checkpoint', '--input', 'wide.json'], cwd),
      3,
      'wide.json, row 0: must have 4 numbers',
    );
  });

  it('rejects a missing input file', async () => {
    expectError(
      await runPuregrad(['predict', 'iris/checkpoint', '--input', 'absent.csv'], cwd),
      3,
      'absent.csv was not found',
    );
  });

  it('rejects evaluation data of another width', async () => {
    const species = ['setosa', 'versicolor', 'virginica'];
    const rows = Array.from({ length: 20 }, (_, i) => `${i},${i % 3},${species[i % 3]}`);
    writeFileSync(join(cwd, 'two.csv'), ['a,b,label', ...rows].join('\n'));
    const run = await runPuregrad(
      ['evaluate', 'iris/checkpoint', '--dataset', 'csv', '--file', 'two.csv', '--target', 'label'],
      cwd,
    );
    expectError(run, 3, 'must have 4 features per example');
  });

  it('rejects training on one class', async () => {
    const rows = Array.from({ length: 20 }, (_, i) => `${i},${i % 5},0`);
    writeFileSync(join(cwd, 'onecls.csv'), ['a,b,label', ...rows].join('\n'));
    const run = await runPuregrad(
      ['train', '--dataset', 'csv', '--file', 'onecls.csv', '--target', 'label', '--out', 'one'],
      cwd,
    );
    expectError(run, 3, 'the target column "label" must have at least two classes');
    expect(run.stderr).toContain('(got 1: 0)');
  });

  it('rejects classes the checkpoint lacks', async () => {
    const rows = Array.from({ length: 20 }, (_, i) => `${i},${i},${i},${i},${i % 3}`);
    writeFileSync(join(cwd, 'numbers.csv'), ['a,b,c,d,label', ...rows].join('\n'));
    const run = await runPuregrad(
      [
        'evaluate',
        'iris/checkpoint',
        '--dataset',
        'csv',
        '--file',
        'numbers.csv',
        '--target',
        'label',
      ],
      cwd,
    );
    expectError(run, 3, 'label "0" is out of range');
  });
});

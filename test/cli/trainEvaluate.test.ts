import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseReport } from '../../packages/cli/test/reportParser.js';
import { runPuregrad, scratchFolder, smallRun, type CliRun } from './cliHarness.js';

interface TrainJson {
  testAccuracy: number;
  testLoss: number;
  testCount: number;
  epochs: number;
  seconds: number;
  checkpoint: string;
  history: { epoch: number; loss: number; valLoss?: number }[];
}

describe('train and evaluate on a small run', () => {
  const cwd = scratchFolder();
  let train: CliRun;
  let result: TrainJson;

  beforeAll(async () => {
    train = await runPuregrad(['train', ...smallRun, '--out', 'run', '--json'], cwd);
    result = JSON.parse(train.stdout) as TrainJson;
  });

  it('exits 0 with one JSON object on stdout', () => {
    expect(train.code).toBe(0);
    expect(train.stdout.trim().split('\n')).toHaveLength(1);
    expect(result.epochs).toBe(3);
    expect(result.testCount).toBe(300);
    expect(result.seconds).toBeGreaterThan(0);
    expect(result.checkpoint).toBe(join('run', 'checkpoint'));
  });

  it('reports a test accuracy that is a fraction', () => {
    expect(result.testAccuracy).toBeGreaterThanOrEqual(0);
    expect(result.testAccuracy).toBeLessThanOrEqual(1);
    expect(Number.isFinite(result.testLoss)).toBe(true);
  });

  it('sends progress and epoch lines to stderr', () => {
    expect(train.stderr).toContain('epoch 1/3');
    expect(train.stderr).toContain('epoch 3/3');
    expect(train.stderr).toContain('val accuracy');
  });

  it('writes the checkpoint, history and report', () => {
    for (const file of [
      'checkpoint/model.safetensors',
      'checkpoint/manifest.json',
      'history.json',
      'report.html',
    ]) {
      expect(existsSync(join(cwd, 'run', file)), file).toBe(true);
    }
    const history = JSON.parse(readFileSync(join(cwd, 'run', 'history.json'), 'utf8'));
    expect(history.epochs.map((e: { epoch: number }) => e.epoch)).toEqual([1, 2, 3]);
  });

  it('draws one point per epoch for each curve', () => {
    const report = parseReport(readFileSync(join(cwd, 'run', 'report.html'), 'utf8'));
    expect([...report.seriesPoints.keys()].sort()).toEqual([
      'train-accuracy',
      'train-loss',
      'validation-accuracy',
      'validation-loss',
    ]);
    for (const [name, points] of report.seriesPoints) expect(points, name).toBe(3);
  });

  it('reports a confusion matrix that matches the accuracy', () => {
    const report = parseReport(readFileSync(join(cwd, 'run', 'report.html'), 'utf8'));
    expect(report.confusion).toHaveLength(10);
    for (const row of report.confusion) expect(row).toHaveLength(10);
    const total = report.confusion.flat().reduce((sum, count) => sum + count, 0);
    const diagonal = report.confusion.reduce((sum, row, i) => sum + (row[i] ?? 0), 0);
    expect(total).toBe(result.testCount);
    expect(diagonal / total).toBe(result.testAccuracy);
    expect(report.accuracy).toBe(result.testAccuracy);
  });

  it('evaluate reports the same accuracy', async () => {
    const evaluation = await runPuregrad(['evaluate', result.checkpoint, '--json'], cwd);
    expect(evaluation.code).toBe(0);
    const scores = JSON.parse(evaluation.stdout);
    expect(scores.testAccuracy).toBe(result.testAccuracy);
    expect(scores.testLoss).toBe(result.testLoss);
    expect(scores.testCount).toBe(result.testCount);
  });

  it('evaluate prints the confusion matrix', async () => {
    const evaluation = await runPuregrad(['evaluate', result.checkpoint], cwd);
    expect(evaluation.code).toBe(0);
    expect(evaluation.stdout).toContain(`test accuracy ${(100 * result.testAccuracy).toFixed(2)}%`);
    expect(evaluation.stdout).toContain('confusion matrix');
  });

  it('refuses to overwrite the checkpoint', async () => {
    const again = await runPuregrad(['train', ...smallRun, '--out', 'run'], cwd);
    expect(again.code).toBe(3);
    expect(again.stderr).toBe(
      `puregrad train: ${join('run', 'checkpoint')} already exists. ` +
        'Pass --overwrite to replace it, or choose another folder with --out.\n',
    );
  });

  it('predict classifies JSON rows', async () => {
    const rows = [new Array(784).fill(0), new Array(784).fill(0.5)];
    const input = join(cwd, 'rows.json');
    await import('node:fs').then((fs) => fs.writeFileSync(input, JSON.stringify(rows)));
    const predicted = await runPuregrad(
      ['predict', result.checkpoint, '--input', 'rows.json', '--json'],
      cwd,
    );
    expect(predicted.code).toBe(0);
    const { predictions } = JSON.parse(predicted.stdout);
    expect(predictions).toHaveLength(2);
    for (const p of predictions) {
      const sum = p.probabilities.reduce((a: number, b: number) => a + b, 0);
      // float32 softmax over 10 classes: the sum is 1 within a few float32 ulps.
      expect(Math.abs(sum - 1)).toBeLessThan(1e-5);
      expect(p.class).toBe(String(p.label));
      expect(p.probabilities[p.label]).toBe(Math.max(...p.probabilities));
    }
  });
});

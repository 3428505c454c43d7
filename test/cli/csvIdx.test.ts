import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { runPuregrad, scratchFolder, smallRun } from './cliHarness.js';

/** Writes three well-separated classes as CSV: columns x, y, the class, then a distractor. */
function writeClusters(path: string): void {
  const centers: Record<string, [number, number]> = { red: [0, 0], green: [10, 0], blue: [0, 10] };
  const lines = ['x,y,colour,noise'];
  for (let i = 0; i < 60; i++) {
    for (const [name, [cx, cy]] of Object.entries(centers)) {
      // A fixed pattern in place of random noise keeps the file the same on every run.
      lines.push(`${cx + ((i * 7) % 10) / 10},${cy + ((i * 3) % 10) / 10},${name},${i % 5}`);
    }
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
}

/** Builds an IDX file of unsigned-byte images `[count, 28, 28]`, the format of MNIST's images. */
function idxImages(images: readonly Uint8Array[]): Uint8Array {
  const header = Buffer.alloc(16);
  header.writeUInt32BE(0x00000803, 0);
  header.writeUInt32BE(images.length, 4);
  header.writeUInt32BE(28, 8);
  header.writeUInt32BE(28, 12);
  return Buffer.concat([header, ...images.map((image) => Buffer.from(image))]);
}

describe('train and predict on a CSV file', () => {
  const cwd = scratchFolder();

  beforeAll(() => writeClusters(join(cwd, 'clusters.csv')));

  it('learns the clusters and classifies by column name', async () => {
    const trained = await runPuregrad(
      [
        'train',
        '--dataset',
        'csv',
        '--file',
        'clusters.csv',
        '--target',
        'colour',
        '--epochs',
        '20',
        '--batch-size',
        '16',
        '--lr',
        '0.01',
        '--out',
        'csv',
        '--json',
      ],
      cwd,
    );
    expect(trained.code).toBe(0);
    const result = JSON.parse(trained.stdout);
    // Three clusters 10 apart with spreads below 1 are separable, so a trained network is exact.
    expect(result.testAccuracy).toBe(1);

    // The header order differs from training and the class column stays in: columns go by name.
    writeFileSync(join(cwd, 'rows.csv'), 'colour,noise,y,x\n?,0,0.5,10.2\n?,4,9.8,0.1\n');
    const predicted = await runPuregrad(
      ['predict', 'csv/checkpoint', '--input', 'rows.csv', '--json'],
      cwd,
    );
    expect(predicted.code).toBe(0);
    const { classes, predictions } = JSON.parse(predicted.stdout);
    expect(classes).toEqual(['blue', 'green', 'red']);
    expect(predictions.map((p: { class: string }) => p.class)).toEqual(['green', 'blue']);
  });
});

describe('predict on IDX images', () => {
  const cwd = scratchFolder();
  let checkpoint: string;

  beforeAll(async () => {
    const trained = await runPuregrad(['train', ...smallRun, '--out', 'digits', '--json'], cwd);
    checkpoint = JSON.parse(trained.stdout).checkpoint;
  });

  it('reads raw and gzip IDX files alike', async () => {
    const blank = new Uint8Array(784);
    const bar = new Uint8Array(784).map((_, i) => (i % 28 === 14 ? 255 : 0));
    writeFileSync(join(cwd, 'images-idx3-ubyte'), idxImages([blank, bar]));
    writeFileSync(join(cwd, 'images-idx3-ubyte.gz'), gzipSync(idxImages([blank, bar])));

    const raw = await runPuregrad(
      ['predict', checkpoint, '--input', 'images-idx3-ubyte', '--json'],
      cwd,
    );
    const gzip = await runPuregrad(
      ['predict', checkpoint, '--input', 'images-idx3-ubyte.gz', '--json'],
      cwd,
    );
    expect(raw.code).toBe(0);
    expect(gzip.code).toBe(0);
    expect(JSON.parse(raw.stdout).predictions).toHaveLength(2);
    expect(gzip.stdout).toBe(raw.stdout);
  });

  it('matches JSON rows scaled to [0, 1]', async () => {
    const bar = Array.from({ length: 784 }, (_, i) => (i % 28 === 14 ? 1 : 0));
    writeFileSync(join(cwd, 'bar.json'), JSON.stringify([bar]));
    writeFileSync(
      join(cwd, 'bar-idx3-ubyte'),
      idxImages([Uint8Array.from(bar, (value) => value * 255)]),
    );
    const fromJson = await runPuregrad(
      ['predict', checkpoint, '--input', 'bar.json', '--json'],
      cwd,
    );
    const fromIdx = await runPuregrad(
      ['predict', checkpoint, '--input', 'bar-idx3-ubyte', '--json'],
      cwd,
    );
    expect(JSON.parse(fromIdx.stdout)).toEqual(JSON.parse(fromJson.stdout));
  });

  it('rejects images of another size', async () => {
    const header = Buffer.alloc(16);
    header.writeUInt32BE(0x00000803, 0);
    header.writeUInt32BE(1, 4);
    header.writeUInt32BE(10, 8);
    header.writeUInt32BE(10, 12);
    writeFileSync(join(cwd, 'small-idx3-ubyte'), Buffer.concat([header, Buffer.alloc(100)]));
    const run = await runPuregrad(['predict', checkpoint, '--input', 'small-idx3-ubyte'], cwd);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('the images must have 784 pixels each');
    expect(run.stderr).toContain('[1, 10, 10]');
  });
});

import { DataError } from '@puregrad/tensor';
import * as fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import {
  FASHION_MNIST_CLASSES,
  idxDataset,
  loadIdxDataset,
  parseIdx,
  readIdxFile,
  type IdxArray,
} from '../src/index.js';
import { idxBytes, imagePixels, writeIdxFolder } from './helpers/idxFiles.js';

const folders: string[] = [];
afterAll(() => folders.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function right<T>(either: E.Either<DataError, T>): T {
  if (E.isLeft(either)) throw either.left;
  return either.right;
}

function leftMessage<T>(either: E.Either<DataError, T>): string {
  if (E.isRight(either)) throw new Error('expected a Left, got a Right');
  expect(either.left).toBeInstanceOf(DataError);
  return either.left.message;
}

describe('parseIdx', () => {
  it('reads dims and bytes', () => {
    const array = right(parseIdx(idxBytes([2, 3], [1, 2, 3, 4, 5, 255])));
    expect(array.typeCode).toBe(0x08);
    expect(array.dims).toEqual([2, 3]);
    expect(Array.from(array.data)).toEqual([1, 2, 3, 4, 5, 255]);
  });

  it('reads gzip by its magic bytes', () => {
    const array = right(parseIdx(gzipSync(idxBytes([3], [7, 8, 9]))));
    expect(Array.from(array.data)).toEqual([7, 8, 9]);
  });

  it('reads big-endian wider types', () => {
    const bytes = new Uint8Array([0, 0, 0x0b, 1, 0, 0, 0, 2, 0x01, 0x02, 0xff, 0xfe]);
    const array = right(parseIdx(bytes));
    expect(Array.from(array.data)).toEqual([0x0102, -2]);
    const floats = new Uint8Array([0, 0, 0x0d, 1, 0, 0, 0, 1, 0x3f, 0xc0, 0, 0]);
    expect(Array.from(right(parseIdx(floats)).data)).toEqual([1.5]);
  });

  const cases: [string, Uint8Array, RegExp][] = [
    ['empty file', new Uint8Array(), /file is empty/],
    ['bad magic number', new Uint8Array([0, 1, 8, 1, 0, 0, 0, 0]), /magic number must be/],
    ['unknown type code', new Uint8Array([0, 0, 0x0a, 1, 0, 0, 0, 0]), /got 00000a01/],
    ['truncated magic', new Uint8Array([0, 0]), /4-byte magic number/],
    [
      'truncated dimensions',
      new Uint8Array([0, 0, 8, 3, 0, 0, 0, 1]),
      /list 3 dimensions in 16 bytes/,
    ],
    ['truncated data', idxBytes([4], [1, 2, 3, 4]).subarray(0, 10), /need 4 data bytes, .* only 2/],
    ['trailing bytes', new Uint8Array([...idxBytes([1], [5]), 0, 0]), /trailing bytes/],
    ['sizes beyond the file', idxBytes([60000, 28, 28], []), /need 47040000 data bytes/],
    [
      'huge sizes',
      idxBytes([0xffffffff, 0xffffffff, 0xffffffff], []),
      /truncated or its header is corrupt/,
    ],
    ['corrupt gzip', gzipSync(idxBytes([3], [1, 2, 3])).subarray(0, 12), /gzip data is invalid/],
  ];
  it.each(cases)('rejects %s', (_name, bytes, message) => {
    expect(leftMessage(parseIdx(bytes, { file: 'x.idx' }))).toMatch(message);
  });

  it('names the file in errors', () => {
    expect(leftMessage(parseIdx(new Uint8Array(), { file: 'labels.idx' }))).toMatch(
      /^labels\.idx: /,
    );
  });

  it('rejects a missing file', () => {
    expect(leftMessage(readIdxFile('/nonexistent/train-images-idx3-ubyte'))).toMatch(
      /file not found/,
    );
  });

  it('rejects every truncation', () => {
    const whole = idxBytes([3, 2, 2], imagePixels(3, 2, 2));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: whole.length - 1 }), fc.boolean(), (length, gzip) => {
        const cut = whole.subarray(0, length);
        const parsed = parseIdx(gzip ? gzipSync(cut) : cut);
        expect(E.isLeft(parsed)).toBe(true);
      }),
    );
  });

  it('never throws and keeps the size rule', () => {
    // Any input either is rejected or parses to exactly size(dims) elements.
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.boolean(), (bytes, zeroMagic) => {
        const input =
          zeroMagic && bytes.length >= 2 ? new Uint8Array([0, 0, ...bytes.subarray(2)]) : bytes;
        const parsed = parseIdx(input);
        if (E.isRight(parsed)) {
          const size = parsed.right.dims.reduce((a, b) => a * b, 1);
          expect(parsed.right.data.length).toBe(size);
        } else {
          expect(parsed.left).toBeInstanceOf(DataError);
        }
      }),
    );
  });
});

describe('idxDataset', () => {
  const images = (count: number): IdxArray =>
    right(parseIdx(idxBytes([count, 2, 2], imagePixels(count, 2, 2))));
  const labels = (values: number[]): IdxArray => right(parseIdx(idxBytes([values.length], values)));

  it('scales pixels to [0, 1]', () => {
    const dataset = right(idxDataset(images(2), labels([3, 9]), { name: 'small' }));
    expect(dataset.inputs.shape).toEqual([2, 4]);
    expect(dataset.featureShape).toEqual([2, 2]);
    expect(Array.from(dataset.inputs.data)).toEqual(
      imagePixels(2, 2, 2).map((p) => Math.fround(p / 255)),
    );
    expect(Array.from(dataset.labels.data)).toEqual([3, 9]);
  });

  it('rejects differing counts', () => {
    expect(leftMessage(idxDataset(images(3), labels([1, 2]), { name: 'x', labels: 'l' }))).toMatch(
      /label count must equal the image count 3 .*got 2/,
    );
  });

  it('rejects a label out of range', () => {
    const result = idxDataset(images(2), labels([1, 10]), { name: 'x', labels: 'l' });
    expect(leftMessage(result)).toMatch(/l, record 1: label must be in \[0, 9\] \(got 10\)/);
  });

  it('advises only what a user can check', () => {
    const message = leftMessage(idxDataset(images(2), labels([12, 0]), { name: 'x', labels: 'l' }));
    expect(message).toContain('Check the labels file: it may be corrupt');
    expect(message).toContain('more than 10 classes');
    expect(message).not.toContain('Pass the class names');
  });

  it('rejects swapped files', () => {
    expect(leftMessage(idxDataset(labels([1, 2]), images(2), { name: 'x' }))).toMatch(
      /not swapped/,
    );
  });
});

describe('loadIdxDataset', () => {
  const part = (count: number, labelValues: number[]) => ({
    images: idxBytes([count, 3, 3], imagePixels(count, 3, 3)),
    labels: idxBytes([labelValues.length], labelValues),
  });

  it('reads raw, gzip and dotted names', () => {
    for (const layout of [{}, { gzip: true }, { dotted: true }]) {
      const dir = writeIdxFolder({
        train: part(4, [0, 1, 2, 3]),
        test: part(2, [4, 5]),
        ...layout,
      });
      folders.push(dir);
      const { train, test } = right(loadIdxDataset(dir, { name: 'tiny' }));
      expect(train.name).toBe('tiny/train');
      expect(train.inputs.shape).toEqual([4, 9]);
      expect(Array.from(test.labels.data)).toEqual([4, 5]);
    }
  });

  it('rejects a missing file by name', () => {
    const dir = writeIdxFolder({ train: part(1, [0]), test: part(1, [0]) });
    folders.push(dir);
    rmSync(join(dir, 't10k-labels-idx1-ubyte'));
    expect(leftMessage(loadIdxDataset(dir))).toMatch(/t10k-labels-idx1-ubyte: file not found/);
  });

  it('rejects mismatched test counts', () => {
    const dir = writeIdxFolder({
      train: part(2, [0, 1]),
      test: { ...part(3, [0, 1, 2]), labels: idxBytes([2], [0, 1]) },
    });
    folders.push(dir);
    expect(leftMessage(loadIdxDataset(dir))).toMatch(/label count must equal the image count 3/);
  });
});

/** Where Debian's dataset-fashion-mnist package installs its four files, found with dpkg -L. */
const FASHION_DIR = ['/usr/share/datasets/fashion-mnist'].find(
  (dir) =>
    existsSync(join(dir, 'train-images-idx3-ubyte.gz')) ||
    existsSync(join(dir, 'train-images-idx3-ubyte')),
);

describe.skipIf(FASHION_DIR === undefined)('Fashion-MNIST from Debian', () => {
  it('reads 60,000 train and 10,000 test images', () => {
    const { train, test } = right(
      loadIdxDataset(FASHION_DIR as string, { classes: FASHION_MNIST_CLASSES, name: 'fashion' }),
    );
    expect(train.inputs.shape).toEqual([60000, 784]);
    expect(test.inputs.shape).toEqual([10000, 784]);
    // Fashion-MNIST has 6,000 training and 1,000 test images of each class.
    const counts = new Array(10).fill(0);
    for (const label of test.labels.data) counts[label] += 1;
    expect(counts).toEqual(new Array(10).fill(1000));
  });
});

if (FASHION_DIR === undefined) {
  it.skip('Fashion-MNIST from Debian: absent; run apt-get install dataset-fashion-mnist', () => {});
}

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** Encodes unsigned bytes as an IDX file with the given dimensions (type code 0x08). */
export function idxBytes(dims: readonly number[], data: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(4 + 4 * dims.length + data.length);
  const view = new DataView(out.buffer);
  out[2] = 0x08;
  out[3] = dims.length;
  dims.forEach((dim, i) => view.setUint32(4 + 4 * i, dim, false));
  out.set(Array.from(data), 4 + 4 * dims.length);
  return out;
}

/** Returns `count` images of `rows × columns` pixels, pixel p of image i being (i + p) mod 256. */
export function imagePixels(count: number, rows: number, columns: number): number[] {
  return Array.from({ length: count * rows * columns }, (_, i) => (i + Math.floor(i / 7)) % 256);
}

/** Writes a small MNIST-style folder (train and t10k parts) and returns its path. */
export function writeIdxFolder(options: {
  train: { images: Uint8Array; labels: Uint8Array };
  test: { images: Uint8Array; labels: Uint8Array };
  gzip?: boolean;
  dotted?: boolean;
}): string {
  const dir = mkdtempSync(join(tmpdir(), 'puregrad-idx-'));
  const suffix = options.gzip === true ? '.gz' : '';
  const write = (stem: string, kind: string, bytes: Uint8Array) => {
    const name = options.dotted === true ? `${stem}.${kind}` : `${stem}-${kind}`;
    writeFileSync(join(dir, name + suffix), options.gzip === true ? gzipSync(bytes) : bytes);
  };
  write('train-images', 'idx3-ubyte', options.train.images);
  write('train-labels', 'idx1-ubyte', options.train.labels);
  write('t10k-images', 'idx3-ubyte', options.test.images);
  write('t10k-labels', 'idx1-ubyte', options.test.labels);
  return dir;
}

import { DataError, unsafeFromData } from '@puregrad/tensor';
import * as E from 'fp-ts/lib/Either.js';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ClassificationDataset, DatasetSplits } from './dataset.js';
import { readIdxFile, type IdxArray } from './idx.js';

/** The class names of the ten MNIST digits, '0' to '9'. */
export const DIGIT_CLASSES: readonly string[] = Object.freeze(
  Array.from({ length: 10 }, (_, digit) => String(digit)),
);

/** The class names of Fashion-MNIST, in label order, as Zalando Research publishes them. */
export const FASHION_MNIST_CLASSES: readonly string[] = Object.freeze([
  'T-shirt/top',
  'Trouser',
  'Pullover',
  'Dress',
  'Coat',
  'Sandal',
  'Shirt',
  'Sneaker',
  'Bag',
  'Ankle boot',
]);

/** Options of {@link idxDataset} and {@link loadIdxDataset}. */
export interface IdxDatasetOptions {
  /** The class names; the labels must lie in [0, classes.length). The ten digits unless given. */
  readonly classes?: readonly string[];
  /** The data set's name, used as a prefix: `NAME/train`, `NAME/test`. The folder's path unless given. */
  readonly name?: string;
}

/**
 * Combines an idx3 image array `[n, rows, columns]` of unsigned bytes and an idx1 label array `[n]`
 * into a classification data set with pixels scaled from 0..255 to [0, 1] in float32. Returns a
 * Left when the ranks or types are wrong, the counts differ or a label is out of range.
 */
export function idxDataset(
  images: IdxArray,
  labels: IdxArray,
  files: { readonly images?: string; readonly labels?: string; readonly name: string },
  classes: readonly string[] = DIGIT_CLASSES,
): E.Either<DataError, ClassificationDataset<'float32'>> {
  const fail = (file: string | undefined, problem: string, record?: number) =>
    E.left(new DataError({ file, record }, `${problem}.`));

  if (images.dims.length !== 3 || images.typeCode !== 0x08) {
    return fail(
      files.images,
      `images must be an idx3 file of unsigned bytes (got ${images.dims.length} dimensions, type code 0x${images.typeCode.toString(16)}). Check that the images and labels files are not swapped`,
    );
  }
  if (labels.dims.length !== 1 || labels.typeCode !== 0x08) {
    return fail(
      files.labels,
      `labels must be an idx1 file of unsigned bytes (got ${labels.dims.length} dimensions, type code 0x${labels.typeCode.toString(16)}). Check that the images and labels files are not swapped`,
    );
  }
  const [count, rows, columns] = images.dims as [number, number, number];
  if (labels.dims[0] !== count) {
    return fail(
      files.labels,
      `label count must equal the image count ${count} of ${files.images ?? 'the images'} (got ${labels.dims[0]}). Use the labels file that belongs to these images`,
    );
  }
  const outOfRange = labels.data.findIndex((label) => label >= classes.length);
  if (outOfRange >= 0) {
    return fail(
      files.labels,
      `label must be in [0, ${classes.length - 1}] (got ${labels.data[outOfRange]}). Check the labels file: it may be corrupt, or its data set has more than ${classes.length} classes`,
      outOfRange,
    );
  }

  const pixels = new Float32Array(images.data.length);
  for (let i = 0; i < pixels.length; i++) pixels[i] = (images.data[i] as number) / 255;
  return E.right({
    task: 'classification',
    name: files.name,
    inputs: unsafeFromData(pixels, [count, rows * columns]),
    labels: unsafeFromData(Int32Array.from(labels.data), [count]),
    classes,
    featureShape: Object.freeze([rows, columns]),
  });
}

/** The two parts of an IDX data set as published: `train` from the train files, `test` from t10k. */
export type IdxSplits = Required<
  Omit<DatasetSplits<ClassificationDataset<'float32'>>, 'validation'>
>;

/**
 * Loads an MNIST-style folder: `train-images-idx3-ubyte`, `train-labels-idx1-ubyte`,
 * `t10k-images-idx3-ubyte` and `t10k-labels-idx1-ubyte`, each raw or with `.gz`, and with a dot in
 * place of the last dash (`train-images.idx3-ubyte`) as some mirrors name them. MNIST and
 * Fashion-MNIST both use this layout; pass `FASHION_MNIST_CLASSES` for the latter's names.
 *
 * @example
 * const splits = loadIdxDataset('/usr/share/fashion-mnist', { classes: FASHION_MNIST_CLASSES });
 */
export function loadIdxDataset(
  dir: string,
  options: IdxDatasetOptions = {},
): E.Either<DataError, IdxSplits> {
  const name = options.name ?? dir;
  const classes = options.classes ?? DIGIT_CLASSES;
  const part = (prefix: 'train' | 't10k', partName: string) => {
    const imagesFile = findIdxFile(dir, `${prefix}-images`, 'idx3-ubyte');
    const labelsFile = findIdxFile(dir, `${prefix}-labels`, 'idx1-ubyte');
    return loadPart(imagesFile, labelsFile, `${name}/${partName}`, classes);
  };

  const train = part('train', 'train');
  if (E.isLeft(train)) return train;
  const test = part('t10k', 'test');
  if (E.isLeft(test)) return test;
  return E.right({ train: train.right, test: test.right });
}

function loadPart(
  imagesFile: string,
  labelsFile: string,
  name: string,
  classes: readonly string[],
): E.Either<DataError, ClassificationDataset<'float32'>> {
  const images = readIdxFile(imagesFile);
  if (E.isLeft(images)) return images;
  const labels = readIdxFile(labelsFile);
  if (E.isLeft(labels)) return labels;
  return idxDataset(
    images.right,
    labels.right,
    { images: imagesFile, labels: labelsFile, name },
    classes,
  );
}

/** Returns the first existing spelling of an IDX file name, or the canonical one to report missing. */
function findIdxFile(dir: string, stem: string, suffix: string): string {
  const names = [`${stem}-${suffix}`, `${stem}.${suffix}`];
  const candidates = names.flatMap((n) => [join(dir, n), join(dir, `${n}.gz`)]);
  return candidates.find((path) => existsSync(path)) ?? (candidates[0] as string);
}

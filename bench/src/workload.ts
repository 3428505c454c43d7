import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { endianness } from 'node:os';
import { join } from 'node:path';

import { CLASSES, PIXELS, loadDigits } from './digits.js';
import { createRandom, shuffledIndices } from './random.js';

/** One dense layer of the benchmark network; each one batch-normalizes its input first. */
export interface LayerSpec {
  readonly inputs: number;
  readonly units: number;
  readonly activation: 'relu' | 'identity';
}

/** The file, dtype and shape of one array of the workload. */
export interface ArrayEntry {
  readonly file: string;
  readonly dtype: 'float32' | 'int32';
  readonly shape: readonly number[];
}

/**
 * The JSON half of the workload: everything every system must agree on. Arrays are raw
 * little-endian files next to it. `batchNorm.momentum` weights the old running value
 * (PyTorch's momentum is 1 − this).
 */
export interface WorkloadManifest {
  readonly version: 1;
  readonly seed: number;
  readonly epochs: number;
  readonly batchSize: number;
  readonly trainCount: number;
  readonly testCount: number;
  readonly layers: readonly LayerSpec[];
  readonly batchNorm: { readonly momentum: number; readonly epsilon: number };
  readonly optimizer: {
    readonly kind: 'adam';
    readonly learningRate: number;
    readonly beta1: number;
    readonly beta2: number;
    readonly epsilon: number;
  };
  readonly arrays: Readonly<Record<string, ArrayEntry>>;
}

/** A workload read back into memory. */
export interface Workload {
  readonly manifest: WorkloadManifest;
  readonly arrays: ReadonlyMap<string, Float32Array | Int32Array>;
}

export const MANIFEST_FILE = 'workload.json';

const LAYERS: readonly LayerSpec[] = [
  { inputs: PIXELS, units: 256, activation: 'relu' },
  { inputs: 256, units: 128, activation: 'relu' },
  { inputs: 128, units: CLASSES, activation: 'identity' },
];

/** Options of {@link createWorkload}. */
export interface WorkloadOptions {
  readonly epochs: number;
  readonly seed?: number;
  readonly batchSize?: number;
}

/**
 * Writes the workload into `dir`: the digits, the initial params of every layer (Glorot-uniform
 * weights `[units, inputs]`, zero biases, unit gammas, zero betas) and one batch order per epoch
 * `[epochs, trainCount]`.
 */
export function createWorkload(dir: string, options: WorkloadOptions): WorkloadManifest {
  if (endianness() !== 'LE') {
    throw new Error(
      'createWorkload: the host must be little-endian, because arrays are written raw.',
    );
  }
  const seed = options.seed ?? 0;
  const digits = loadDigits(seed);
  const random = createRandom(seed + 1);
  const arrays = new Map<string, Float32Array | Int32Array>([
    ['trainImages', digits.train.images],
    ['trainLabels', digits.train.labels],
    ['testImages', digits.test.images],
    ['testLabels', digits.test.labels],
    ['batchOrders', batchOrders(options.epochs, digits.train.count, random)],
  ]);
  const shapes = new Map<string, readonly number[]>([
    ['trainImages', [digits.train.count, PIXELS]],
    ['trainLabels', [digits.train.count]],
    ['testImages', [digits.test.count, PIXELS]],
    ['testLabels', [digits.test.count]],
    ['batchOrders', [options.epochs, digits.train.count]],
  ]);
  LAYERS.forEach((layer, index) => {
    for (const [name, values] of initialParams(layer, random)) {
      arrays.set(`layers.${index}.${name}`, values);
      shapes.set(
        `layers.${index}.${name}`,
        name === 'weight' ? [layer.units, layer.inputs] : [values.length],
      );
    }
  });

  const manifest: WorkloadManifest = {
    version: 1,
    seed,
    epochs: options.epochs,
    batchSize: options.batchSize ?? 128,
    trainCount: digits.train.count,
    testCount: digits.test.count,
    layers: LAYERS,
    batchNorm: { momentum: 0.9, epsilon: 1e-5 },
    optimizer: { kind: 'adam', learningRate: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 },
    arrays: writeArrays(dir, arrays, shapes),
  };
  writeFileSync(join(dir, MANIFEST_FILE), JSON.stringify(manifest, null, 2));
  return manifest;
}

function batchOrders(epochs: number, count: number, random: () => number): Int32Array {
  const orders = new Int32Array(epochs * count);
  for (let epoch = 0; epoch < epochs; epoch++) {
    orders.set(shuffledIndices(count, random), epoch * count);
  }
  return orders;
}

function initialParams(layer: LayerSpec, random: () => number): [string, Float32Array][] {
  const limit = Math.sqrt(6 / (layer.inputs + layer.units));
  const weight = new Float32Array(layer.units * layer.inputs);
  for (let i = 0; i < weight.length; i++) weight[i] = (2 * random() - 1) * limit;
  return [
    ['gamma', new Float32Array(layer.inputs).fill(1)],
    ['beta', new Float32Array(layer.inputs)],
    ['weight', weight],
    ['bias', new Float32Array(layer.units)],
  ];
}

function writeArrays(
  dir: string,
  arrays: ReadonlyMap<string, Float32Array | Int32Array>,
  shapes: ReadonlyMap<string, readonly number[]>,
): Record<string, ArrayEntry> {
  mkdirSync(dir, { recursive: true });
  const entries: Record<string, ArrayEntry> = {};
  for (const [name, values] of arrays) {
    const dtype = values instanceof Float32Array ? 'float32' : 'int32';
    const file = `${name}.${dtype === 'float32' ? 'f32' : 'i32'}`;
    writeFileSync(
      join(dir, file),
      new Uint8Array(values.buffer, values.byteOffset, values.byteLength),
    );
    entries[name] = { file, dtype, shape: shapes.get(name) ?? [values.length] };
  }
  return entries;
}

/** Reads a workload that {@link createWorkload} wrote into `dir`. */
export function readWorkload(dir: string): Workload {
  const manifest = JSON.parse(readFileSync(join(dir, MANIFEST_FILE), 'utf8')) as WorkloadManifest;
  const arrays = new Map<string, Float32Array | Int32Array>();
  for (const [name, entry] of Object.entries(manifest.arrays)) {
    const bytes = readFileSync(join(dir, entry.file));
    // Copy into a fresh buffer: a Buffer may sit at an offset that a typed array cannot start at.
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    arrays.set(name, entry.dtype === 'float32' ? new Float32Array(buffer) : new Int32Array(buffer));
  }
  return { manifest, arrays };
}

/** Returns a float32 array of the workload, or throws when it is missing. */
export function floatArray(workload: Workload, name: string): Float32Array {
  const values = workload.arrays.get(name);
  if (!(values instanceof Float32Array)) {
    throw new Error(
      `floatArray: workload array "${name}" is missing or not float32. Recreate the workload.`,
    );
  }
  return values;
}

/** Returns an int32 array of the workload, or throws when it is missing. */
export function intArray(workload: Workload, name: string): Int32Array {
  const values = workload.arrays.get(name);
  if (!(values instanceof Int32Array)) {
    throw new Error(
      `intArray: workload array "${name}" is missing or not int32. Recreate the workload.`,
    );
  }
  return values;
}

/** Returns the training indices of one epoch's batch, in order; the last batch may be shorter. */
export function batchIndices(workload: Workload, epoch: number, batch: number): Int32Array {
  const { trainCount, batchSize } = workload.manifest;
  const start = epoch * trainCount + batch * batchSize;
  const end = epoch * trainCount + Math.min(trainCount, (batch + 1) * batchSize);
  return intArray(workload, 'batchOrders').subarray(start, end);
}

/** Returns the number of batches in one epoch, counting a shorter last batch. */
export function batchesPerEpoch(manifest: WorkloadManifest): number {
  return Math.ceil(manifest.trainCount / manifest.batchSize);
}

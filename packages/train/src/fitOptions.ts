import { DataError, InvalidArgumentError, type Key, type Tensor } from '@puregrad/tensor';
import type { BatchRange, LastBatch } from './batches.js';
import type { Callback, EpochRecord } from './callback.js';
import type { Batch, Network } from './network.js';

/** Options of `fit`. */
export interface FitOptions {
  /** The epoch to stop before, counted from 0: a fresh run trains epochs 0 to epochs − 1. */
  readonly epochs: number;
  readonly batchSize: number;
  /** The key that shuffling (`foldIn(key, epoch)` of one half of `split(key)`) and layers draw from. */
  readonly key: Key;
  /** Whether to shuffle the samples each epoch; true unless given. */
  readonly shuffle?: boolean;
  /** The handling of a last partial batch; 'keep' unless given. */
  readonly lastBatch?: LastBatch;
  /** Samples evaluated in 'infer' mode after each epoch. */
  readonly validation?: Batch;
  readonly callbacks?: readonly Callback<unknown>[];
  /** Whether to report accuracy; true when the loss is softmax cross-entropy. */
  readonly classification?: boolean;
  /** To resume: the first epoch to run, 0 unless given. */
  readonly initialEpoch?: number;
  /** To resume: the history so far, which the new records follow. */
  readonly history?: readonly EpochRecord[];
  /** To resume: the callbacks' states as a previous fit returned them, one per callback. */
  readonly callbackStates?: readonly unknown[];
  /** Milliseconds for the timings; `Date.now` unless given. */
  readonly clock?: () => number;
}

function checkInteger(name: string, value: number, min: number, advice: string): void {
  if (!Number.isSafeInteger(value) || value < min) {
    throw new InvalidArgumentError(
      `fit: ${name} must be an integer ≥ ${min} (got ${String(value)}). ${advice}.`,
    );
  }
}

/** Rejects invalid fit options once, before the first epoch. */
export function checkFitOptions(options: FitOptions, sampleCount: number): void {
  const { epochs, batchSize, initialEpoch = 0, lastBatch = 'keep' } = options;
  checkInteger('epochs', epochs, 1, 'Pass the number of epochs to train');
  checkInteger('batchSize', batchSize, 1, 'Pass a batch size such as 32');
  checkInteger('initialEpoch', initialEpoch, 0, 'Pass the epoch a resumed run starts at');
  if (initialEpoch > epochs) {
    throw new InvalidArgumentError(
      `fit: initialEpoch must be at most epochs (got ${initialEpoch} > ${epochs}). Pass the total epoch count as epochs.`,
    );
  }
  if (lastBatch !== 'keep' && lastBatch !== 'drop') {
    throw new InvalidArgumentError(
      `fit: lastBatch must be 'keep' or 'drop' (got ${String(lastBatch)}). Choose what happens to a partial batch.`,
    );
  }
  if (lastBatch === 'drop' && sampleCount < batchSize) {
    throw new InvalidArgumentError(
      `fit: batchSize must be at most the ${sampleCount} samples when lastBatch is 'drop' (got ${batchSize}), or no batch is left. Lower the batch size or keep the last batch.`,
    );
  }
  const callbacks = options.callbacks ?? [];
  const states = options.callbackStates;
  if (states !== undefined && states.length !== callbacks.length) {
    throw new InvalidArgumentError(
      `fit: callbackStates must have one entry per callback (got ${states.length} for ${callbacks.length}). Pass the callbackStates that fit returned with the same callbacks.`,
    );
  }
}

/** Rejects NaN or infinite numbers in a dataset before training, naming the sample. */
export function checkFiniteData(name: string, data: Batch): void {
  checkFiniteRows(name, 'inputs', data.inputs);
  checkFiniteRows(name, 'targets', data.targets);
}

function checkFiniteRows(name: string, field: string, x: Tensor): void {
  const rowSize = x.data.length / Math.max(1, x.shape[0] ?? 1);
  for (let i = 0; i < x.data.length; i++) {
    if (!Number.isFinite(x.data[i] as number)) {
      throw new DataError(
        { record: Math.floor(i / rowSize), field: `${name}.${field}` },
        `fit: every value must be finite (got ${x.data[i]}). Remove or repair the sample before training.`,
      );
    }
  }
}

function normalizesBatches(config: unknown): boolean {
  const layer = config as { kind?: unknown; batchNorm?: unknown; layers?: unknown };
  if (layer.kind === 'batchNorm') return true;
  if (layer.kind === 'dense') return layer.batchNorm !== null && layer.batchNorm !== undefined;
  return Array.isArray(layer.layers) && layer.layers.some(normalizesBatches);
}

/**
 * Rejects a batch of one sample when a layer normalizes batches, since batch normalization in
 * 'train' mode needs at least 2 rows. Such a batch arises only from batchSize 1 or one sample,
 * because a remainder of one joins the batch before it.
 */
export function checkBatchSizes(
  net: Network,
  ranges: readonly BatchRange[],
  batchSize: number,
): void {
  const smallest = Math.min(...ranges.map((range) => range.end - range.start));
  if (smallest >= 2 || !net.layers.some((layer) => normalizesBatches(layer.config))) return;

  const count = ranges.length === 0 ? 0 : (ranges[ranges.length - 1] as BatchRange).end;
  throw new InvalidArgumentError(
    `fit: every batch must have at least 2 samples when the network uses batch normalization (got a batch of 1 from batchSize ${batchSize} and ${count} samples). Pass a batchSize of at least 2 and at least 2 samples.`,
  );
}

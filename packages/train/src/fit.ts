import { produce } from 'immer';
import { foldIn, permutation, split, type Key } from '@puregrad/tensor';
import { batchRanges, sampleCount, takeBatch, type BatchRange } from './batches.js';
import type { Callback, CallbackResult, EpochRecord } from './callback.js';
import { evaluate, isClassification } from './evaluate.js';
import { checkTargets } from './checkTargets.js';
import {
  checkBatchSizes,
  checkFiniteData,
  checkFitOptions,
  type FitOptions,
} from './fitOptions.js';
import { countCorrect } from './metrics.js';
import type { Batch, Network, NetworkValues } from './network.js';
import { NonFiniteLossError } from './nonFiniteLossError.js';

/** The result of `fit`: the trained values and everything needed to resume. */
export interface FitResult extends NetworkValues {
  /** One record per epoch run, after the records of a resumed history. */
  readonly history: readonly EpochRecord[];
  /** The callbacks' states, to pass back as `callbackStates` when resuming. */
  readonly callbackStates: readonly unknown[];
  /** The epoch to resume at: the one after the last epoch run. */
  readonly nextEpoch: number;
  /** Whether a callback stopped training before `epochs`. */
  readonly stopped: boolean;
  /** Wall-clock milliseconds per epoch run, kept apart from the history, which is deterministic. */
  readonly epochMilliseconds: readonly number[];
}

/** The loop's state between epochs. */
interface Progress {
  readonly values: NetworkValues;
  readonly callbackStates: readonly unknown[];
  readonly stop: boolean;
}

type AnyCallback = Callback<unknown>;

/**
 * Trains a network for epochs over mini-batches and returns the new values and a history. Each
 * epoch shuffles the samples with `permutation(foldIn(shuffleKey, epoch), n)`, where
 * `[shuffleKey, layerKey] = split(options.key)`, and batch `step` of it gets the layer key
 * `foldIn(foldIn(layerKey, epoch), step)`. So the same key and data give bit-identical results,
 * and a run resumed at `initialEpoch` with the returned values, history and callback states
 * produces exactly what the uninterrupted run does. The epoch's loss is the batch-size-weighted
 * mean of its training losses, and a validation set is evaluated in 'infer' mode after each epoch.
 * A NaN or infinite loss stops training with a {@link NonFiniteLossError} naming the epoch and step.
 * Before the first epoch, fit rejects NaN or infinite values in `data` and `validation`, and
 * targets that the loss rejects (a label out of range, a row that does not sum to 1), with a
 * DataError naming the record. It also rejects a batch of one sample when a layer uses batch
 * normalization.
 *
 * @example
 * const result = fit(net, net.init(key(1)), { inputs, targets }, {
 *   epochs: 10, batchSize: 32, key: key(2), validation,
 * });
 */
export function fit(
  net: Network,
  values: NetworkValues,
  data: Batch,
  options: FitOptions,
): FitResult {
  const count = sampleCount('fit', 'data', data);
  checkFitOptions(options, count);
  checkFiniteData('data', data);
  checkTargets(net, values, 'data', data);
  if (options.validation !== undefined) {
    sampleCount('fit', 'validation', options.validation);
    checkFiniteData('validation', options.validation);
    checkTargets(net, values, 'validation', options.validation);
  }
  const callbacks = options.callbacks ?? [];
  const clock = options.clock ?? Date.now;
  const initialEpoch = options.initialEpoch ?? 0;
  const [shuffleKey, layerKey] = split(options.key) as [Key, Key];
  const ranges = batchRanges(count, options.batchSize, options.lastBatch ?? 'keep');
  checkBatchSizes(net, ranges, options.batchSize);

  let history = options.history ?? [];
  let progress: Progress = {
    values,
    callbackStates: options.callbackStates ?? callbacks.map((callback) => callback.init()),
    stop: false,
  };
  const epochMilliseconds: number[] = [];
  let epoch = initialEpoch;
  for (; epoch < options.epochs && !progress.stop; epoch++) {
    const started = clock();
    const keys = { order: foldIn(shuffleKey, epoch), layer: foldIn(layerKey, epoch) };
    const run = runEpoch(net, progress, data, ranges, epoch, options, keys, callbacks);

    const record = epochRecord(net, run, epoch, options);
    history = produce(history, (draft) => {
      draft.push(record);
    });
    progress = endEpoch(run.progress, record, history, callbacks);
    epochMilliseconds.push(clock() - started);
  }

  return {
    ...progress.values,
    history,
    callbackStates: progress.callbackStates,
    nextEpoch: epoch,
    stopped: progress.stop,
    epochMilliseconds,
  };
}

/** The result of one epoch's batches. */
interface EpochRun {
  readonly progress: Progress;
  readonly weightedLoss: number;
  readonly correct: number;
  readonly seen: number;
}

function runEpoch(
  net: Network,
  start: Progress,
  data: Batch,
  ranges: readonly BatchRange[],
  epoch: number,
  options: FitOptions,
  keys: { readonly order: Key; readonly layer: Key },
  callbacks: readonly AnyCallback[],
): EpochRun {
  const classification = options.classification ?? isClassification(net);
  const order =
    options.shuffle === false ? undefined : permutation(keys.order, data.inputs.shape[0] as number);
  let progress = start;
  let weightedLoss = 0;
  let correct = 0;
  let seen = 0;

  for (let step = 0; step < ranges.length && !progress.stop; step++) {
    const batch = takeBatch(data, ranges[step] as BatchRange, order);
    const size = batch.inputs.shape[0] as number;
    const result = trainStep(net, progress.values, batch, foldIn(keys.layer, step), {
      epoch,
      step,
      epochs: options.epochs,
      steps: ranges.length,
    });
    weightedLoss += result.loss * size;
    seen += size;
    if (classification) correct += countCorrect(result.y, batch.targets);

    const values = { params: result.params, state: result.state, optState: result.optState };
    const event = { epoch, step, batchSize: size, loss: result.loss };
    progress = runHooks(callbacks, { ...progress, values }, (callback, state) =>
      callback.onBatchEnd?.(event, state),
    );
  }
  return { progress, weightedLoss, correct, seen };
}

function trainStep(
  net: Network,
  values: NetworkValues,
  batch: Batch,
  layerKey: Key,
  position: { epoch: number; step: number; epochs: number; steps: number },
) {
  try {
    return net.train(values.params, values.state, values.optState, batch, layerKey);
  } catch (error) {
    if (!(error instanceof NonFiniteLossError)) throw error;
    const { epoch, step, epochs, steps } = position;
    throw new NonFiniteLossError(
      `fit: the training loss must stay finite (got ${error.loss} at epoch ${epoch + 1} of ${epochs}, step ${step + 1} of ${steps}, both counted from 1). Lower the learning rate, clip the gradients or check the data for NaN or infinite values.`,
      error.loss,
      { epoch, step },
    );
  }
}

function epochRecord(net: Network, run: EpochRun, epoch: number, options: FitOptions): EpochRecord {
  const classification = options.classification ?? isClassification(net);
  let record: EpochRecord = { epoch, loss: run.weightedLoss / run.seen };
  if (classification) record = { ...record, accuracy: run.correct / run.seen };
  if (options.validation === undefined) return record;

  const { params, state } = run.progress.values;
  const evaluation = evaluate(net, params, state, options.validation, { classification });
  record = { ...record, valLoss: evaluation.loss };
  if (evaluation.accuracy !== undefined) record = { ...record, valAccuracy: evaluation.accuracy };
  return record;
}

function endEpoch(
  progress: Progress,
  record: EpochRecord,
  history: readonly EpochRecord[],
  callbacks: readonly AnyCallback[],
): Progress {
  // A stop requested after a batch is kept: runHooks only ever adds stops.
  const { params, state } = progress.values;
  const event = { record, history, params, state };
  return runHooks(callbacks, progress, (callback, callbackState) =>
    callback.onEpochEnd?.(event, callbackState),
  );
}

/** Runs one hook of every callback in order, threading their states, stops and restores. */
function runHooks(
  callbacks: readonly AnyCallback[],
  progress: Progress,
  hook: (callback: AnyCallback, callbackState: unknown) => CallbackResult<unknown> | undefined,
): Progress {
  let { values, stop } = progress;
  const callbackStates = callbacks.map((callback, i) => {
    const result = hook(callback, progress.callbackStates[i]);
    if (result === undefined) return progress.callbackStates[i];
    stop ||= result.stop === true;
    if (result.restore !== undefined) values = { ...values, ...result.restore };
    return result.callbackState;
  });
  return { values, callbackStates, stop };
}

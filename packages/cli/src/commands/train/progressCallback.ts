import { batchRanges, type Callback, type EpochRecord } from '@puregrad/train';
import type { OutputStream } from '../../cliIo.js';
import { createProgressBar, type ProgressBar } from '../../terminal/progressBar.js';

/** Options of {@link progressCallback}. */
export interface ProgressCallbackOptions {
  /** Receives the progress bars. */
  readonly progress: OutputStream;
  /** Receives one line per finished epoch. */
  readonly human: OutputStream;
  readonly trainCount: number;
  readonly batchSize: number;
  /** The total number of epochs, for the `epoch 3/10` label. */
  readonly epochs: number;
  /** Milliseconds, for the epoch timings. */
  readonly clock: () => number;
}

/**
 * Creates a fit callback that draws a progress bar over each epoch's batches and prints one
 * line per epoch with the training and validation loss and accuracy. It keeps no state that fit
 * must carry, because the terminal is the only thing it changes.
 */
export function progressCallback(options: ProgressCallbackOptions): Callback<null> {
  const steps = batchRanges(options.trainCount, options.batchSize, 'keep').length;
  let bar: ProgressBar | undefined;
  let started = options.clock();
  let runningLoss = 0;
  let seen = 0;

  return {
    name: 'progress',
    init: () => null,
    onBatchEnd(event) {
      if (event.step === 0) {
        const label = `epoch ${event.epoch + 1}/${options.epochs}`;
        bar = createProgressBar(options.progress, { label, total: steps });
        started = options.clock();
        runningLoss = 0;
        seen = 0;
      }
      runningLoss += event.loss * event.batchSize;
      seen += event.batchSize;
      bar?.update(event.step + 1, `loss ${(runningLoss / seen).toFixed(4)}`);
      return { callbackState: null };
    },
    onEpochEnd(event) {
      bar?.finish();
      const seconds = (options.clock() - started) / 1000;
      options.human.write(`${formatEpochLine(event.record, options.epochs, seconds)}\n`);
      return { callbackState: null };
    },
  };
}

/** Formats an epoch's line, e.g. `epoch 3/10  loss 0.1234  accuracy 96.12%  val loss …  (4.2 s)`. */
export function formatEpochLine(record: EpochRecord, epochs: number, seconds: number): string {
  const parts = [`epoch ${String(record.epoch + 1).padStart(String(epochs).length)}/${epochs}`];
  parts.push(`loss ${record.loss.toFixed(4)}`);
  if (record.accuracy !== undefined) parts.push(`accuracy ${percent(record.accuracy)}`);
  if (record.valLoss !== undefined) parts.push(`val loss ${record.valLoss.toFixed(4)}`);
  if (record.valAccuracy !== undefined) parts.push(`val accuracy ${percent(record.valAccuracy)}`);
  parts.push(`(${seconds.toFixed(1)} s)`);
  return parts.join('  ');
}

function percent(fraction: number): string {
  return `${(100 * fraction).toFixed(2)}%`;
}

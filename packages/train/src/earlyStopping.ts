import { InvalidArgumentError, type Tree } from '@puregrad/tensor';
import type { Callback, EpochEvent, Metric } from './callback.js';

/** Options of {@link earlyStopping}. */
export interface EarlyStoppingOptions {
  /** The metric to watch; 'valLoss' unless given. */
  readonly monitor?: Metric;
  /** 'min' for losses, 'max' for accuracies; chosen from the metric's name unless given. */
  readonly mode?: 'min' | 'max';
  /** How many epochs without improvement to allow before stopping; 5 unless given. */
  readonly patience?: number;
  /** The minimum change that counts as an improvement, ≥ 0; 0 unless given. */
  readonly minDelta?: number;
  /** Whether to return the best epoch's params and state on stopping; true unless given. */
  readonly restoreBest?: boolean;
}

/** The state of {@link earlyStopping}, which fit returns so that a resumed run continues it. */
export type EarlyStoppingState = {
  /** The best value so far, ±Infinity before the first epoch. */
  readonly best: number;
  /** The epoch of the best value, −1 before the first epoch. */
  readonly bestEpoch: number;
  /** Epochs since the best one. */
  readonly wait: number;
  readonly bestParams?: readonly Tree[];
  readonly bestState?: readonly Tree[];
};

/**
 * Stops training once the monitored metric has not improved by more than `minDelta` for
 * `patience` epochs in a row, and then restores the params and state of the best epoch. It does
 * not restore when training ends without a stop, so a run split in two resumes exactly; the best
 * values stay in its state.
 *
 * @example
 * fit(net, values, data, { epochs: 100, batchSize: 32, key: key(0), validation,
 *   callbacks: [earlyStopping({ monitor: 'valLoss', patience: 10 })] });
 */
export function earlyStopping(options: EarlyStoppingOptions = {}): Callback<EarlyStoppingState> {
  const { monitor = 'valLoss', patience = 5, minDelta = 0, restoreBest = true } = options;
  const mode = options.mode ?? (monitor.endsWith('ccuracy') ? 'max' : 'min');
  checkOptions(patience, minDelta);
  const sign = mode === 'min' ? 1 : -1;

  return {
    name: 'earlyStopping',
    init: () => ({ best: sign * Infinity, bestEpoch: -1, wait: 0 }),
    onEpochEnd(event, callbackState) {
      const value = monitored(event, monitor);
      if (sign * (callbackState.best - value) > minDelta) {
        const best = { best: value, bestEpoch: event.record.epoch, wait: 0 };
        if (!restoreBest) return { callbackState: best };
        return { callbackState: { ...best, bestParams: event.params, bestState: event.state } };
      }

      const next = { ...callbackState, wait: callbackState.wait + 1 };
      if (next.wait < patience) return { callbackState: next };
      const { bestParams, bestState } = callbackState;
      if (!restoreBest || bestParams === undefined || bestState === undefined) {
        return { callbackState: next, stop: true };
      }
      return { callbackState: next, stop: true, restore: { params: bestParams, state: bestState } };
    },
  };
}

function monitored(event: EpochEvent, monitor: Metric): number {
  const value = event.record[monitor];
  if (value === undefined) {
    throw new InvalidArgumentError(
      `earlyStopping: the monitored metric ${monitor} is missing from epoch ${event.record.epoch}'s record. Pass a validation set to fit, or monitor 'loss'.`,
    );
  }
  return value;
}

function checkOptions(patience: number, minDelta: number): void {
  if (!Number.isInteger(patience) || patience < 1) {
    throw new InvalidArgumentError(
      `earlyStopping: patience must be an integer ≥ 1 (got ${patience}). Pass a number of epochs.`,
    );
  }
  if (!(minDelta >= 0) || !Number.isFinite(minDelta)) {
    throw new InvalidArgumentError(
      `earlyStopping: minDelta must be a finite number ≥ 0 (got ${minDelta}). Pass 0 to count any improvement.`,
    );
  }
}

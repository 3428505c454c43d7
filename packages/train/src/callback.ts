import type { Tree } from '@puregrad/tensor';

/** The metrics of one epoch, as fit records them in the history. */
export type EpochRecord = {
  /** The epoch, counted from 0 (the number `foldIn` derives its shuffling key from). */
  readonly epoch: number;
  /** The batch-size-weighted mean of the epoch's training losses. */
  readonly loss: number;
  /** The fraction of training samples classified right during the epoch, for classification. */
  readonly accuracy?: number;
  /** The validation loss in 'infer' mode after the epoch, when a validation set is given. */
  readonly valLoss?: number;
  readonly valAccuracy?: number;
};

/** A metric of an epoch record that a callback can monitor. */
export type Metric = 'loss' | 'accuracy' | 'valLoss' | 'valAccuracy';

/** The event that fit passes to a callback after each batch. */
export interface BatchEvent {
  readonly epoch: number;
  /** The step within the epoch, counted from 0. */
  readonly step: number;
  readonly batchSize: number;
  readonly loss: number;
}

/** The event that fit passes to a callback after each epoch. */
export interface EpochEvent {
  readonly record: EpochRecord;
  /** Every epoch's record so far, this one last. */
  readonly history: readonly EpochRecord[];
  readonly params: readonly Tree[];
  readonly state: readonly Tree[];
}

/**
 * The result of a callback hook: its next state, whether to stop training, and optionally params
 * and state that replace the current ones (early stopping restores its best).
 */
export interface CallbackResult<S> {
  readonly callbackState: S;
  readonly stop?: boolean;
  readonly restore?: { readonly params: readonly Tree[]; readonly state: readonly Tree[] };
}

/**
 * A callback as pure functions of an explicit state, so that fit can return the state and resume
 * from it: `init()` gives the state for a fresh run, and each hook maps an event and the state to
 * a {@link CallbackResult}. A stop requested after a batch ends the epoch there.
 */
export interface Callback<S = unknown> {
  readonly name: string;
  init(): S;
  onBatchEnd?(event: BatchEvent, callbackState: S): CallbackResult<S>;
  onEpochEnd?(event: EpochEvent, callbackState: S): CallbackResult<S>;
}

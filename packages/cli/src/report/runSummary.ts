/** The metrics of one finished epoch; validation fields are absent when no data is held out. */
export interface EpochSummary {
  /** Counted from 1. */
  readonly epoch: number;
  readonly trainLoss: number;
  /** A fraction in [0, 1]. */
  readonly trainAccuracy: number;
  readonly validationLoss?: number;
  readonly validationAccuracy?: number;
  /** Wall-clock time of the epoch, in seconds. */
  readonly seconds: number;
}

/** Loss, accuracy and confusion matrix of a network on one labelled split. */
export interface Evaluation {
  readonly loss: number;
  /** A fraction in [0, 1]. */
  readonly accuracy: number;
  /** The number of examples evaluated. */
  readonly count: number;
  /** `[classes, classes]`: row i, column j counts examples of class i predicted as class j. */
  readonly confusion: readonly (readonly number[])[];
}

/** Everything the HTML report shows about one training run. */
export interface RunSummary {
  readonly title: string;
  /** Settings shown as a table, e.g. dataset, layers, optimizer. */
  readonly settings: ReadonlyArray<readonly [string, string]>;
  readonly epochs: readonly EpochSummary[];
  readonly test: Evaluation;
  /** The class names of the confusion matrix's rows and columns, in order. */
  readonly classNames: readonly string[];
}

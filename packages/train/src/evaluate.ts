import { InvalidArgumentError, type Tree } from '@puregrad/tensor';
import { batchRanges, sampleCount, takeBatch } from './batches.js';
import { predictedClasses, trueClasses } from './metrics.js';
import type { Batch, Network } from './network.js';

/** Options of {@link evaluate}. */
export interface EvaluateOptions {
  /** Samples per inference pass, to bound memory; 1024 unless given. It does not change results. */
  readonly batchSize?: number;
  /** Whether to compute accuracy and the confusion matrix; true for softmax cross-entropy. */
  readonly classification?: boolean;
}

/** The result of {@link evaluate}. */
export interface Evaluation {
  /** The loss over all samples, the batch-size-weighted mean of the batches' losses. */
  readonly loss: number;
  readonly count: number;
  /** The fraction of samples whose argmax prediction is their class, for classification. */
  readonly accuracy?: number;
  /** `confusion[actual][predicted]` sample counts `[classes, classes]`, for classification. */
  readonly confusion?: readonly (readonly number[])[];
}

/** Returns whether a loss is for classification, so that fit and evaluate report accuracy. */
export function isClassification(net: Network): boolean {
  return net.loss.name === 'softmax-cross-entropy';
}

/**
 * Evaluates a network in 'infer' mode over a dataset: the loss, and for classification the
 * accuracy and the confusion matrix (rows are true classes, columns predicted ones).
 *
 * @example
 * const { loss, accuracy, confusion } = evaluate(net, params, state, { inputs, targets });
 */
export function evaluate(
  net: Network,
  params: readonly Tree[],
  state: readonly Tree[],
  data: Batch,
  options: EvaluateOptions = {},
): Evaluation {
  const { batchSize = 1024, classification = isClassification(net) } = options;
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new InvalidArgumentError(
      `evaluate: batchSize must be a positive integer (got ${batchSize}). Pass a size such as 1024.`,
    );
  }
  const count = sampleCount('evaluate', 'data', data);

  let weightedLoss = 0;
  let confusion: number[][] | undefined;
  for (const range of batchRanges(count, batchSize, 'keep')) {
    const batch = takeBatch(data, range);
    const y = net.infer(params, state, batch.inputs);
    weightedLoss += net.loss.compute(y, batch.targets) * (range.end - range.start);
    if (classification) confusion = addToConfusion(confusion, y, batch);
  }

  const loss = weightedLoss / count;
  if (confusion === undefined) return { loss, count };
  const correct = confusion.reduce((sum, row, i) => sum + (row[i] as number), 0);
  return { loss, count, accuracy: correct / count, confusion };
}

function addToConfusion(
  confusion: number[][] | undefined,
  y: Batch['inputs'],
  batch: Batch,
): number[][] {
  const classes = y.shape[1] as number;
  const matrix =
    confusion ?? Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  const predicted = predictedClasses(y);
  const actual = trueClasses(batch.targets);
  for (let i = 0; i < predicted.length; i++) {
    const row = matrix[actual[i] as number] as number[];
    row[predicted[i] as number] = (row[predicted[i] as number] as number) + 1;
  }
  return matrix;
}

import {
  DataError,
  DTypeError,
  PuregradError,
  ShapeError,
  sliceRows,
  treeLeaves,
  zeros,
  type FloatTensor,
  type Tensor,
} from '@puregrad/tensor';
import type { Targets } from '@puregrad/nn';
import type { Batch, Network, NetworkValues } from './network.js';

// The loss validates its targets on every batch, but a batch is shuffled, so its messages name
// a row of the batch and come after some training. Running the loss once on the whole dataset,
// against zero predictions of the network's output shape, applies the loss's own rules up front.

/** Returns the loss's error for the first `end` rows, or undefined when they pass. */
function lossError(net: Network, predictions: FloatTensor, targets: Targets, end: number) {
  // The whole dataset is checked as it is: a slice would copy every row.
  const whole = end === predictions.shape[0];
  try {
    if (whole) net.loss.compute(predictions, targets);
    else net.loss.compute(sliceRows(predictions, 0, end), sliceRows(targets, 0, end) as Targets);
    return undefined;
  } catch (error) {
    if (error instanceof PuregradError) return error;
    throw error;
  }
}

/**
 * Returns the smallest prefix length whose rows fail the loss's checks, by bisection: for checks
 * made row by row, the prefixes that fail are exactly those that contain the first bad row.
 */
function firstFailingPrefix(net: Network, predictions: FloatTensor, targets: Targets): number {
  let low = 1;
  let high = predictions.shape[0] as number;
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (lossError(net, predictions, targets, middle) === undefined) low = middle + 1;
    else high = middle;
  }
  return high;
}

/** Returns zero predictions `[rows, ...outputShape]` in the dtype the network outputs. */
function zeroPredictions(net: Network, values: NetworkValues, data: Batch): FloatTensor {
  // The summary gives the output shape without running a layer. Layers compute in their params'
  // dtype, and a network without params passes its inputs' dtype through.
  const layers = net.summary();
  const outputShape = layers[layers.length - 1]?.outputShape ?? net.inputShape;
  const dtype = treeLeaves(values.params)[0]?.dtype ?? data.inputs.dtype;
  const rows = data.inputs.shape[0] as number;
  return zeros([rows, ...outputShape], dtype) as FloatTensor;
}

function describeOutputs(predictions: Tensor): string {
  return `[${predictions.shape.slice(1).join(', ')}]`;
}

/**
 * Checks a dataset's targets against the network's loss before training: int32 labels in range
 * for the output count, probability rows that sum to 1, and the shape and dtype the loss takes.
 * A row's problem raises a DataError naming the record (its index in `data`) and the field
 * `${name}.targets`, and a shape or dtype problem raises the loss's error class.
 */
export function checkTargets(net: Network, values: NetworkValues, name: string, data: Batch): void {
  const predictions = zeroPredictions(net, values, data);
  const rows = predictions.shape[0] as number;
  const error = lossError(net, predictions, data.targets, rows);
  if (error === undefined) return;

  const context = `fit: ${name}.targets must suit the loss ${net.loss.name} and the network's output ${describeOutputs(predictions)}`;
  if (error instanceof ShapeError || error instanceof DTypeError) {
    const ErrorClass = error instanceof ShapeError ? ShapeError : DTypeError;
    throw new ErrorClass(`${context} (${error.message}) Fix the targets before training.`);
  }

  const end = firstFailingPrefix(net, predictions, data.targets);
  const rowError = lossError(net, predictions, data.targets, end) ?? error;
  throw new DataError(
    { record: end - 1, field: `${name}.targets` },
    `${context} (${rowError.message}) Fix or remove the record before training.`,
  );
}

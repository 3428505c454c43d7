import type { Targets } from '@puregrad/nn';
import {
  gather,
  InvalidArgumentError,
  sliceRows,
  unsafeFromData,
  type Int32Tensor,
} from '@puregrad/tensor';
import type { Batch } from './network.js';

/** The handling of the samples left over when the batch size does not divide the sample count. */
export type LastBatch = 'keep' | 'drop';

/** A batch as a range `[start, end)` of positions in the epoch's sample order. */
export interface BatchRange {
  readonly start: number;
  readonly end: number;
}

/**
 * Splits `count` samples into batches of `batchSize`. With 'keep', a remainder of two or more
 * samples forms a last, smaller batch, and a remainder of one sample joins the batch before it,
 * because batch normalization in 'train' mode cannot normalize a single sample. With 'drop', any
 * remainder is skipped.
 */
export function batchRanges(count: number, batchSize: number, lastBatch: LastBatch): BatchRange[] {
  const full = Math.floor(count / batchSize);
  const ranges: BatchRange[] = [];
  for (let i = 0; i < full; i++) ranges.push({ start: i * batchSize, end: (i + 1) * batchSize });

  const remainder = count - full * batchSize;
  if (remainder === 0 || lastBatch === 'drop') return ranges;
  const previous = ranges[ranges.length - 1];
  if (remainder === 1 && previous !== undefined) {
    ranges[ranges.length - 1] = { start: previous.start, end: count };
  } else {
    ranges.push({ start: full * batchSize, end: count });
  }
  return ranges;
}

/** Returns the rows of a dataset at `order[start..end)`, or the rows start to end in place order. */
export function takeBatch(data: Batch, range: BatchRange, order?: Int32Tensor): Batch {
  if (order === undefined) {
    return {
      inputs: sliceRows(data.inputs, range.start, range.end),
      targets: sliceRows(data.targets, range.start, range.end) as Targets,
    };
  }
  const indices = unsafeFromData(order.data.subarray(range.start, range.end), [
    range.end - range.start,
  ]);
  return {
    inputs: gather(data.inputs, indices),
    targets: gather(data.targets, indices) as Targets,
  };
}

/** Returns the number of samples of a dataset after checking that inputs and targets align. */
export function sampleCount(fn: string, name: string, data: Batch): number {
  const count = data.inputs.shape[0];
  const targetCount = data.targets.shape[0];
  if (count === undefined || count < 1 || count !== targetCount) {
    throw new InvalidArgumentError(
      `${fn}: ${name} must have as many target rows as input rows, at least one (got ${String(count)} inputs and ${String(targetCount)} targets). Pass aligned inputs and targets.`,
    );
  }
  return count;
}

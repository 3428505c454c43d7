import {
  assertFloat,
  DTypeError,
  formatShape,
  InvalidArgumentError,
  ShapeError,
  type FloatTensor,
  type Int32Tensor,
} from '@puregrad/tensor';
import type { Targets } from '../loss.js';

/**
 * How far a target row's sum may be from 1. Rounding probabilities to float32 moves each by at
 * most 2⁻²⁴ of itself, so a row's float64 sum moves by at most 2⁻²⁴ ≈ 6e-8 in all.
 */
export const ROW_SUM_TOLERANCE = 1e-6;

/** Raises unless predictions is a float `[batch, outputs]` matrix with at least one row. */
export function checkPredictions(
  fn: string,
  name: string,
  predictions: FloatTensor,
): [number, number] {
  assertFloat(fn, name, predictions);
  if (predictions.shape.length !== 2 || (predictions.shape[0] as number) < 1) {
    throw new ShapeError(
      `${fn}: ${name} must be [batch, outputs] with at least one row (got shape ${formatShape(predictions.shape)}). ` +
        'Reshape a vector of n values to [n, 1].',
    );
  }
  return predictions.shape as [number, number];
}

/** Raises unless float targets have exactly the predictions' shape and dtype; no broadcasting. */
export function checkFloatTargets(
  fn: string,
  predictions: FloatTensor,
  targets: Targets,
): asserts targets is FloatTensor {
  if (targets.dtype === 'int32') {
    throw new DTypeError(
      `${fn}: targets must be float32 or float64 rows (got int32). Encode labels with oneHot(labels, classes).`,
    );
  }
  const same =
    targets.shape.length === predictions.shape.length &&
    targets.shape.every((d, i) => d === predictions.shape[i]);
  if (!same) {
    throw new ShapeError(
      `${fn}: targets must have the predictions' shape ${formatShape(predictions.shape)} (got ${formatShape(targets.shape)}). ` +
        'Reshape them; losses never broadcast targets.',
    );
  }
  if (targets.dtype !== predictions.dtype) {
    throw new DTypeError(
      `${fn}: targets must have the predictions' dtype ${predictions.dtype} (got ${targets.dtype}). Cast one with cast().`,
    );
  }
}

/** Raises an InvalidArgumentError at the first NaN or infinite logit, naming its row and column. */
export function checkFiniteLogits(fn: string, logits: FloatTensor): void {
  const cols = logits.shape[1] as number;
  for (let i = 0; i < logits.data.length; i++) {
    const value = logits.data[i] as number;
    if (!Number.isFinite(value)) {
      throw new InvalidArgumentError(
        `${fn}: logits must be finite (got ${value} at [${Math.floor(i / cols)}, ${i % cols}]). ` +
          'Check the layer before the loss for overflow, or lower the learning rate.',
      );
    }
  }
}

/**
 * Raises an InvalidArgumentError unless every target row is a probability distribution: each
 * entry in [0, 1] (NaN is rejected), and each row summing to 1 within 1e-6. Entries are checked
 * before sums, because a row such as [−1, 0, 2] sums to 1 yet gives a negative cross-entropy.
 */
export function checkProbabilityRows(fn: string, targets: FloatTensor): void {
  const [rows, cols] = targets.shape as [number, number];
  for (let r = 0; r < rows; r++) {
    let total = 0;
    for (let c = 0; c < cols; c++) {
      const value = targets.data[r * cols + c] as number;
      if (!(value >= 0 && value <= 1)) {
        throw new InvalidArgumentError(
          `${fn}: every target entry must be in [0, 1] (got ${value} at [${r}, ${c}]). ` +
            'Pass one-hot or probability rows, or int32 labels [batch].',
        );
      }
      total += value;
    }
    if (!(Math.abs(total - 1) <= ROW_SUM_TOLERANCE)) {
      throw new InvalidArgumentError(
        `${fn}: every target row must sum to 1 within ${ROW_SUM_TOLERANCE} (got ${total} in row ${r}). ` +
          'Pass one-hot or probability rows, or int32 labels [batch].',
      );
    }
  }
}

/** Raises unless labels are int32 `[batch]` with every label an integer in [0, classes). */
export function checkLabels(fn: string, labels: Int32Tensor, batch: number, classes: number): void {
  if (labels.shape.length !== 1 || labels.shape[0] !== batch) {
    throw new ShapeError(
      `${fn}: int32 labels must have shape [${batch}], one per logits row (got ${formatShape(labels.shape)}).`,
    );
  }
  for (let r = 0; r < batch; r++) {
    const label = labels.data[r] as number;
    if (label < 0 || label >= classes) {
      throw new InvalidArgumentError(
        `${fn}: label ${r} must be in [0, ${classes - 1}] for ${classes} classes (got ${label}).`,
      );
    }
  }
}

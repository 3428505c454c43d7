import { allocate, DTypeError, type FloatTensor, type Int32Tensor } from '@puregrad/tensor';
import { rowLogSumExp, writeSoftmaxRow } from '../activations/softmax.js';
import type { Loss, Targets, ValueAndGradient } from '../loss.js';
import {
  checkFiniteLogits,
  checkFloatTargets,
  checkLabels,
  checkPredictions,
  checkProbabilityRows,
} from './checks.js';

const NAME = 'softmaxCrossEntropy';

/** Targets after validation: probability rows `[batch, classes]` or int32 labels `[batch]`. */
type CheckedTargets =
  | { readonly kind: 'rows'; readonly rows: FloatTensor }
  | { readonly kind: 'labels'; readonly labels: Int32Tensor };

function checkTargets(fn: string, logits: FloatTensor, targets: Targets): CheckedTargets {
  const [batch, classes] = checkPredictions(fn, 'logits', logits);
  checkFiniteLogits(fn, logits);
  if (targets.dtype === 'int32') {
    checkLabels(fn, targets as Int32Tensor, batch, classes);
    return { kind: 'labels', labels: targets as Int32Tensor };
  }
  if (targets.shape.length === 1) {
    throw new DTypeError(
      `${fn}: labels [batch] must be int32 (got ${targets.dtype}). Convert them with cast(labels, 'int32').`,
    );
  }
  checkFloatTargets(fn, logits, targets);
  checkProbabilityRows(fn, targets);
  return { kind: 'rows', rows: targets };
}

/** Returns row r's loss `Σ_j y_j (logsumexp(z) − z_j)`, or `logsumexp(z) − z_label` for labels. */
function rowLoss(logits: FloatTensor, targets: CheckedTargets, r: number, cols: number): number {
  const offset = r * cols;
  const lse = rowLogSumExp(logits.data, offset, cols);
  if (targets.kind === 'labels') {
    return lse - (logits.data[offset + (targets.labels.data[r] as number)] as number);
  }
  let total = 0;
  for (let j = 0; j < cols; j++) {
    const y = targets.rows.data[offset + j] as number;
    total += y * (lse - (logits.data[offset + j] as number));
  }
  return total;
}

/** Writes row r's gradient `(softmax(z) − y) / m` into grad. */
function writeRowGrad(
  logits: FloatTensor,
  targets: CheckedTargets,
  grad: { [index: number]: number },
  r: number,
  cols: number,
  batch: number,
): void {
  const offset = r * cols;
  writeSoftmaxRow(logits.data, grad, offset, cols);
  for (let j = 0; j < cols; j++) {
    const y =
      targets.kind === 'labels'
        ? Number(targets.labels.data[r] === j)
        : (targets.rows.data[offset + j] as number);
    grad[offset + j] = ((grad[offset + j] as number) - y) / batch;
  }
}

function evaluate(
  fn: string,
  logits: FloatTensor,
  targets: Targets,
  withGrad: boolean,
): { value: number; grad: FloatTensor | undefined } {
  const checked = checkTargets(fn, logits, targets);
  const [batch, cols] = logits.shape as [number, number];
  const grad = withGrad ? allocate(logits.dtype, batch * cols) : undefined;

  let total = 0;
  for (let r = 0; r < batch; r++) {
    total += rowLoss(logits, checked, r, cols);
    if (grad !== undefined) writeRowGrad(logits, checked, grad, r, cols, batch);
  }
  const gradTensor =
    grad === undefined
      ? undefined
      : ({ dtype: logits.dtype, shape: logits.shape, data: grad } as FloatTensor);
  return { value: total / batch, grad: gradTensor };
}

/**
 * Softmax cross-entropy from logits z `[batch, classes]`, averaged over the m rows:
 * `L = (1/m) Σ_i Σ_j y_ij (logsumexp(z_i) − z_ij)` with `logsumexp(z) = max + log Σ exp(z − max)`,
 * and gradient `∂L/∂z = (softmax(z) − y) / m`, also computed with the max shift. Targets are
 * one-hot or probability rows `[batch, classes]` with entries in [0, 1] that each sum to 1
 * within 1e-6 (the gradient formula needs the sum: in general it is
 * `(softmax(z) · Σ_j y_j − y) / m`), or int32 labels
 * `[batch]` in [0, classes). NaN or infinite logits are rejected.
 *
 * @example
 * const logits = tensor([[0, 0]]);
 * const labels = tensor([0], { dtype: 'int32' });
 * softmaxCrossEntropy.compute(logits, labels); // log 2
 */
export const softmaxCrossEntropy: Loss = Object.freeze({
  name: 'softmax-cross-entropy',
  compute: (logits: FloatTensor, targets: Targets): number =>
    evaluate(`${NAME}.compute`, logits, targets, false).value,
  derivative: (logits: FloatTensor, targets: Targets): FloatTensor =>
    evaluate(`${NAME}.derivative`, logits, targets, true).grad as FloatTensor,
  valueAndGradient: (logits: FloatTensor, targets: Targets): ValueAndGradient => {
    const { value, grad } = evaluate(`${NAME}.valueAndGradient`, logits, targets, true);
    return { value, grad: grad as FloatTensor };
  },
});

import { allocate, type FloatTensor } from '@puregrad/tensor';
import type { Loss, Targets, ValueAndGradient } from '../loss.js';
import { checkFloatTargets, checkPredictions } from './checks.js';

const NAME = 'meanSquaredError';

/** Computes the value and, when asked, the gradient in one pass over the elements. */
function evaluate(
  fn: string,
  predictions: FloatTensor,
  targets: Targets,
  withGrad: boolean,
): { value: number; grad: FloatTensor | undefined } {
  const [batch] = checkPredictions(fn, 'predictions', predictions);
  checkFloatTargets(fn, predictions, targets);
  const grad = withGrad ? allocate(predictions.dtype, predictions.data.length) : undefined;

  let total = 0;
  for (let i = 0; i < predictions.data.length; i++) {
    const diff = (predictions.data[i] as number) - (targets.data[i] as number);
    total += diff * diff;
    if (grad !== undefined) grad[i] = (2 / batch) * diff;
  }
  const gradTensor =
    grad === undefined
      ? undefined
      : ({ dtype: predictions.dtype, shape: predictions.shape, data: grad } as FloatTensor);
  return { value: total / batch, grad: gradTensor };
}

/**
 * The mean squared error over a batch: the squared error summed over each row's features, then
 * averaged over the m rows, `L = (1/m) Σ_i ‖ŷ_i − y_i‖²`, with gradient `∂L/∂Ŷ = (2/m)(Ŷ − Y)`.
 * Predictions and targets are `[batch, outputs]` of one shape and dtype. PyTorch's `MSELoss`
 * averages over every element instead, so it is smaller by the number of outputs.
 *
 * @example
 * const predictions = tensor([[1, 2]]);
 * const targets = tensor([[0, 0]]);
 * meanSquaredError.compute(predictions, targets); // (1 + 4) / 1 = 5
 */
export const meanSquaredError: Loss = Object.freeze({
  name: 'mse',
  compute: (predictions: FloatTensor, targets: Targets): number =>
    evaluate(`${NAME}.compute`, predictions, targets, false).value,
  derivative: (predictions: FloatTensor, targets: Targets): FloatTensor =>
    evaluate(`${NAME}.derivative`, predictions, targets, true).grad as FloatTensor,
  valueAndGradient: (predictions: FloatTensor, targets: Targets): ValueAndGradient => {
    const { value, grad } = evaluate(`${NAME}.valueAndGradient`, predictions, targets, true);
    return { value, grad: grad as FloatTensor };
  },
});

import type { FloatTensor, Int32Tensor } from '@puregrad/tensor';

/** Targets: float rows shaped like the predictions, or int32 class labels `[batch]` where a loss allows them. */
export type Targets = FloatTensor | Int32Tensor;

/** A loss's value and its gradient for the predictions, computed in one pass. */
export interface ValueAndGradient {
  readonly value: number;
  readonly grad: FloatTensor;
}

/** A loss over a batch: predictions (or logits) `[batch, outputs]` first, then the targets. */
export interface Loss {
  readonly name: 'mse' | 'softmax-cross-entropy' | (string & {});
  compute(predictions: FloatTensor, targets: Targets): number;
  derivative(predictions: FloatTensor, targets: Targets): FloatTensor;
  valueAndGradient(predictions: FloatTensor, targets: Targets): ValueAndGradient;
}

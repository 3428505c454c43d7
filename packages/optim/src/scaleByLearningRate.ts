import { allocate, unsafeFromData, type Tensor, type Tree } from '@puregrad/tensor';
import { countTensor, readCount, type CountState } from './count.js';
import { mapLeaves } from './leafwise.js';
import { resolveLearningRate, type LearningRate } from './schedule.js';
import type { GradientTransformation } from './transformation.js';

/**
 * Scales the incoming updates by the negated learning rate, `u ← −lr(t) · u`, where t is the
 * 0-based step count kept in the state as an int32 scalar. A plain number is a constant rate.
 */
export function scaleByLearningRate(
  learningRate: LearningRate,
): GradientTransformation<CountState> {
  const rate = resolveLearningRate('scaleByLearningRate', learningRate);
  return {
    config: { kind: 'scaleByLearningRate', learningRate: rate.config },
    init: () => ({ count: countTensor(0) }),
    update(grads, optState) {
      const count = readCount(optState.count);
      const factor = -rate.at(count);
      const [updates] = mapLeaves('scaleByLearningRate', [grads], 1, ([grad]) => {
        const g = (grad as Tensor).data;
        const out = allocate((grad as Tensor).dtype, g.length);
        for (let i = 0; i < out.length; i++) out[i] = factor * (g[i] as number);
        return [unsafeFromData(out, (grad as Tensor).shape)];
      });
      return { updates: updates as Tree, optState: { count: countTensor(count + 1) } };
    },
  };
}

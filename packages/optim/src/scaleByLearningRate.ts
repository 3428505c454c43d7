import { allocate, unsafeFromData, type Tensor, type Tree } from '@puregrad/tensor';
import { countTensor, readCount, type CountState } from './count.js';
import { checkStateFields } from './checkState.js';
import { checkAgainstParams, mapLeaves } from './leafwise.js';
import { resolveLearningRate, type LearningRate } from './schedule.js';
import type { GradientTransformation } from './transformation.js';

/**
 * Scales the incoming updates by the negated learning rate, `u ← −lr(t) · u`, where t is the
 * 0-based step count kept in the state as an int32 scalar. A plain number is a constant rate.
 * Errors name `fn`, the public optimizer built on it.
 */
export function scaleByLearningRate(
  learningRate: LearningRate,
  fn = 'scaleByLearningRate',
): GradientTransformation<CountState> {
  const rate = resolveLearningRate(fn, learningRate);
  return {
    config: { kind: 'scaleByLearningRate', learningRate: rate.config },
    init: () => ({ count: countTensor(0) }),
    update(grads, optState, params) {
      checkStateFields(fn, optState, ['count']);
      checkAgainstParams(fn, grads, params);
      const count = readCount(optState.count);
      const factor = -rate.at(count);
      const [updates] = mapLeaves(fn, [grads], 1, ([grad]) => {
        const g = (grad as Tensor).data;
        const out = allocate((grad as Tensor).dtype, g.length);
        for (let i = 0; i < out.length; i++) out[i] = factor * (g[i] as number);
        return [unsafeFromData(out, (grad as Tensor).shape)];
      });
      return { updates: updates as Tree, optState: { count: countTensor(count + 1) } };
    },
  };
}

import type { Tree } from '@puregrad/tensor';
import { checkStateArray } from './checkState.js';
import type { GradientTransformation, OptimizerConfig } from './transformation.js';

/**
 * Composes transformations left to right: the updates of each one are the grads of the next, so
 * `chain(clipByGlobalNorm(1), adam())` clips first. The state is the array of the inner states,
 * in order.
 */
export function chain(
  ...transformations: readonly GradientTransformation[]
): GradientTransformation<readonly Tree[]> {
  const config: OptimizerConfig = {
    kind: 'chain',
    transformations: transformations.map((transformation) => transformation.config),
  };
  return {
    config,
    init: (params) => transformations.map((transformation) => transformation.init(params)),
    update(grads, optState, params) {
      checkStateArray('chain', optState, transformations.length);
      let updates: Tree = grads;
      const states: Tree[] = [];
      transformations.forEach((transformation, i) => {
        const result = transformation.update(updates, optState[i] as Tree, params);
        updates = result.updates;
        states.push(result.optState);
      });
      return { updates, optState: states };
    },
  };
}

/** Returns the transformation with another config, for public optimizers built as chains. */
export function withConfig<S extends Tree>(
  transformation: GradientTransformation<S>,
  config: OptimizerConfig,
): GradientTransformation<S> {
  return { config, init: transformation.init, update: transformation.update };
}

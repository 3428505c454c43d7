import { allocate, unsafeFromData, type Tensor, type Tree } from '@puregrad/tensor';
import { checkStateFields } from './checkState.js';
import { checkAgainstParams, mapLeaves, zerosLike } from './leafwise.js';
import type { GradientTransformation } from './transformation.js';
import { checkBoolean, checkUnitInterval } from './validate.js';

/** The state of {@link trace}: one velocity per param, shaped like it. */
export type TraceState = {
  readonly velocity: Tree;
};

/** Options of {@link trace}. */
export interface TraceOptions {
  /** The weight μ of the previous velocity, in [0, 1). */
  readonly momentum: number;
  /** Whether to look ahead: return `g + μ·v` instead of `v`. */
  readonly nesterov?: boolean;
}

/**
 * Accumulates a momentum trace, `v ← μ·v + g`, and returns `v` (or `g + μ·v` with Nesterov), as
 * PyTorch's SGD does. The velocity starts at zero, so the first step gives `v = g` exactly.
 */
export function trace(options: TraceOptions): GradientTransformation<TraceState> {
  const { momentum, nesterov = false } = options;
  checkUnitInterval('trace', 'momentum', momentum, 'Pass a momentum such as 0.9');
  checkBoolean('trace', 'nesterov', nesterov);
  return {
    config: { kind: 'trace', momentum, nesterov },
    init: (params) => ({ velocity: zerosLike(params) }),
    update(grads, optState, params) {
      checkStateFields('trace', optState, ['velocity']);
      checkAgainstParams('trace', grads, params);
      const [updates, velocity] = mapLeaves(
        'trace',
        [grads, optState.velocity],
        2,
        ([grad, previous]) => step(grad as Tensor, previous as Tensor, momentum, nesterov),
      );
      return { updates: updates as Tree, optState: { velocity: velocity as Tree } };
    },
  };
}

function step(grad: Tensor, previous: Tensor, momentum: number, nesterov: boolean): Tensor[] {
  const g = grad.data;
  const v = previous.data;
  const nextVelocity = allocate(previous.dtype, v.length);
  const update = nesterov ? allocate(grad.dtype, g.length) : nextVelocity;
  for (let i = 0; i < g.length; i++) {
    const vi = momentum * (v[i] as number) + (g[i] as number);
    nextVelocity[i] = vi;
    if (nesterov) update[i] = (g[i] as number) + momentum * vi;
  }

  // Without Nesterov the update is the velocity itself; sharing the array is safe because
  // nothing writes into a tensor's data after construction.
  return [unsafeFromData(update, grad.shape), unsafeFromData(nextVelocity, previous.shape)];
}

import { allocate, globalNorm, unsafeFromData, type Tensor, type Tree } from '@puregrad/tensor';
import { mapLeaves } from './leafwise.js';
import type { GradientTransformation } from './transformation.js';
import { checkPositive } from './validate.js';

/** The state of {@link clipByGlobalNorm}: empty, since clipping keeps nothing between steps. */
export type ClipState = Readonly<Record<string, never>>;

/**
 * Rescales the grads so that their global norm `‖g‖ = √(Σ over leaves of Σ g²)` is at most
 * `maxNorm`: `g ← g · maxNorm / ‖g‖` when `‖g‖ > maxNorm`, else the grads pass unchanged. The
 * norm is `globalNorm`'s, accumulated in float64 whatever the dtype; a NaN norm passes the grads
 * unchanged, so the NaN reaches the loss.
 */
export function clipByGlobalNorm(maxNorm: number): GradientTransformation<ClipState> {
  checkPositive('clipByGlobalNorm', 'maxNorm', maxNorm, 'Pass a positive norm such as 1');
  return {
    config: { kind: 'clipByGlobalNorm', maxNorm },
    init: () => ({}),
    update(grads, optState) {
      const norm = globalNorm(grads);
      if (!(norm > maxNorm)) return { updates: grads, optState };

      const factor = maxNorm / norm;
      const [updates] = mapLeaves('clipByGlobalNorm', [grads], 1, ([grad]) => {
        const g = (grad as Tensor).data;
        const out = allocate((grad as Tensor).dtype, g.length);
        for (let i = 0; i < out.length; i++) out[i] = (g[i] as number) * factor;
        return [unsafeFromData(out, (grad as Tensor).shape)];
      });
      return { updates: updates as Tree, optState };
    },
  };
}

import { allocate, unsafeFromData, type Tensor, type Tree } from '@puregrad/tensor';
import { mapLeaves } from './leafwise.js';
import type { GradientTransformation } from './transformation.js';
import { checkPositive } from './validate.js';

/** The state of {@link clipByGlobalNorm}: empty, since clipping keeps nothing between steps. */
export type ClipState = Readonly<Record<string, never>>;

/**
 * Rescales the grads so that their global norm `‖g‖ = √(Σ over leaves of Σ g²)` is at most
 * `maxNorm`: `g ← g · maxNorm / ‖g‖` when `‖g‖ > maxNorm`, else the grads pass unchanged. The
 * norm is accumulated in float64 whatever the dtype.
 */
export function clipByGlobalNorm(maxNorm: number): GradientTransformation<ClipState> {
  checkPositive('clipByGlobalNorm', 'maxNorm', maxNorm, 'Pass a positive norm such as 1');
  return {
    config: { kind: 'clipByGlobalNorm', maxNorm },
    init: () => ({}),
    update(grads, optState) {
      const norm = leafNorm(grads);
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

function leafNorm(grads: Tree): number {
  let sumOfSquares = 0;
  mapLeaves('clipByGlobalNorm', [grads], 0, ([grad]) => {
    const g = (grad as Tensor).data;
    for (let i = 0; i < g.length; i++) sumOfSquares += (g[i] as number) * (g[i] as number);
    return [];
  });
  return Math.sqrt(sumOfSquares);
}

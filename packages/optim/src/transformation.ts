import type { Tree } from '@puregrad/tensor';

/** The result of `update`: the updates to add to the params, and the next optimizer state. */
export interface Updated<S extends Tree> {
  readonly updates: Tree;
  readonly optState: S;
}

/** A JSON description of an optimizer and its hyperparameters, for checkpoints and reports. */
export type OptimizerConfig = { readonly kind: string } & { readonly [field: string]: unknown };

/**
 * A gradient transformation as a pair of pure functions, optax-style: `init(params)` returns the
 * state; `update(grads, optState, params)` returns updates that `applyUpdates` adds to the params.
 * Transformations chain: clip, then Adam.
 */
export interface GradientTransformation<S extends Tree = Tree> {
  readonly config: OptimizerConfig;
  init(params: Tree): S;
  update(grads: Tree, optState: S, params?: Tree): Updated<S>;
}

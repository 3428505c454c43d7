import type { Tensor } from './tensor.js';

/**
 * Nested readonly records and arrays with tensors at the leaves: the shape of params, state,
 * grads, updates and optimizer state.
 */
export type Tree = Tensor | readonly Tree[] | { readonly [name: string]: Tree };

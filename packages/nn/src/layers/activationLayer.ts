import { assertFloat } from '@puregrad/tensor';
import type { Layer } from '../layer.js';
import {
  activationToConfig,
  resolveActivation,
  type ActivationSpec,
} from '../activations/resolveActivation.js';
import {
  checkMode,
  checkOutputGrad,
  emptyInputGrad,
  type EmptyParams,
  type EmptyState,
} from './checks.js';

/**
 * Builds an activation layer without params or state: `y = σ(x)` for x of any shape (softmax:
 * `[batch, classes]`), with `dx = vjp(x, dy)`.
 *
 * @example
 * const layers = sequential(linear({ units: 10 }), activation('relu'));
 */
export function activation(fn: ActivationSpec): Layer<EmptyParams, EmptyState> {
  const activationFn = resolveActivation('activation', fn);

  return {
    config: { kind: 'activation', activation: activationToConfig(activationFn) },
    init(_key, inputShape) {
      return { params: {}, state: {}, outputShape: [...inputShape] };
    },
    apply(params, state, x, ctx) {
      checkMode('activation', ctx);
      assertFloat('activation', 'x', x);
      const y = activationFn.apply(x);
      return {
        y,
        state,
        preActivations: [{ activation: activationFn, z: x }],
        backward: (dy, backwardOptions) => {
          checkOutputGrad('activation backward', dy, y);
          const inputGrad = backwardOptions?.inputGrad ?? true;
          return {
            dx: inputGrad ? activationFn.vjp(x, dy) : emptyInputGrad(x.dtype),
            grads: params,
          };
        },
      };
    },
  };
}

import { InvalidArgumentError, split, type FloatTensor, type Tree } from '@puregrad/tensor';
import type { Applied, Gradients, Layer, PreActivation } from '../layer.js';
import { checkMode } from './checks.js';

/** Raises unless params or state is an array with one entry per child layer. */
function checkPerLayer(name: string, value: unknown, count: number): readonly Tree[] {
  if (!Array.isArray(value) || value.length !== count) {
    const got = Array.isArray(value) ? `${value.length} entries` : typeof value;
    throw new InvalidArgumentError(
      `sequential: ${name} must be an array with one entry per layer, ${count} in all (got ${got}). ` +
        "Pass the params and state from this sequential layer's init.",
    );
  }
  return value as readonly Tree[];
}

/** Runs the children's backward closures in reverse, feeding each one's dx to the one before. */
function backwardThrough(
  applied: readonly Applied<Tree, Tree>[],
  dy: FloatTensor,
  inputGrad: boolean,
): Gradients<readonly Tree[]> {
  const grads: Tree[] = new Array<Tree>(applied.length);
  let gradient = dy;
  for (let i = applied.length - 1; i >= 0; i--) {
    const child = applied[i] as Applied<Tree, Tree>;
    const result = child.backward(gradient, { inputGrad: i > 0 || inputGrad });
    grads[i] = result.grads;
    gradient = result.dx;
  }
  return { dx: gradient, grads };
}

/**
 * Composes layers into one layer that applies them in order: `y = f_n(… f_2(f_1(x)))`. Its params
 * and state are arrays of the children's, in order; its backward runs the children's backward
 * closures in reverse. With `{ inputGrad: false }` only the first child skips its input gradient,
 * because every later child's dx is the gradient the one before it needs.
 *
 * @example
 * const model = sequential(dense({ units: 128 }), dense({ units: 10, activation: 'identity' }));
 * const { params, state } = model.init(key(0), [784]);
 */
export function sequential(...layers: readonly Layer[]): Layer<readonly Tree[], readonly Tree[]> {
  if (layers.length === 0) {
    throw new InvalidArgumentError(
      'sequential: layers must hold at least one layer (got none). Pass the layers in order.',
    );
  }

  return {
    config: { kind: 'sequential', layers: layers.map((layer) => layer.config) },
    init(key, inputShape, initOptions) {
      const keys = split(key, layers.length);
      const params: Tree[] = [];
      const state: Tree[] = [];
      let shape = inputShape;
      layers.forEach((layer, i) => {
        const child = layer.init(keys[i]!, shape, initOptions);
        params.push(child.params);
        state.push(child.state);
        shape = child.outputShape;
      });
      return { params, state, outputShape: shape };
    },
    apply(params, state, x, ctx) {
      checkMode('sequential', ctx);
      const childParams = checkPerLayer('params', params, layers.length);
      const childState = checkPerLayer('state', state, layers.length);
      const applied: Applied<Tree, Tree>[] = [];
      let y = x;
      layers.forEach((layer, i) => {
        const child = layer.apply(childParams[i]!, childState[i]!, y, ctx);
        applied.push(child);
        y = child.y;
      });
      const preActivations: PreActivation[] = applied.flatMap(
        (child) => child.preActivations ?? [],
      );
      // When no child changed its state ('infer' mode), return the given array itself, so that
      // callers can tell by identity that nothing changed.
      const unchanged = applied.every((child, i) => child.state === childState[i]);
      return {
        y,
        state: unchanged ? state : applied.map((child) => child.state),
        preActivations,
        backward: (dy, backwardOptions) =>
          backwardThrough(applied, dy, backwardOptions?.inputGrad ?? true),
      };
    },
  };
}

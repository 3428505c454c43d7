import type { Activation, Context, Layer, PreActivation } from '@puregrad/nn';
import type { FloatTensor, Tree } from '@puregrad/tensor';

/**
 * Computes the inputs of every relu and leakyRelu inside a layer for one input `[batch, ...]`,
 * in a fixed order, so a gradient check can tell a kink from a wrong gradient.
 */
export type PreActivationProbe<P extends Tree = Tree, S extends Tree = Tree> = (
  params: P,
  state: S,
  x: FloatTensor,
  ctx: Context,
) => readonly FloatTensor[];

/** Tells whether an activation has a kink at 0, where its derivative jumps. */
export function hasKink(activation: Pick<Activation, 'name'>): boolean {
  return activation.name === 'relu' || activation.name === 'leakyRelu';
}

/** Returns the z of every relu and leakyRelu among a layer's reported pre-activations. */
export function kinkedInputs(preActivations: readonly PreActivation[]): FloatTensor[] {
  return preActivations.filter((entry) => hasKink(entry.activation)).map((entry) => entry.z);
}

/**
 * Builds the probe that reads `Applied.preActivations`, which the built-in layers report.
 * Returns undefined when a trial apply reports none, because such a layer gives the check no way
 * to see a kink. Pass a probe of your own for such a layer.
 */
export function preActivationProbe<P extends Tree, S extends Tree>(
  layer: Layer<P, S>,
  params: P,
  state: S,
  x: FloatTensor,
  ctx: Context,
): PreActivationProbe<P, S> | undefined {
  if (layer.apply(params, state, x, ctx).preActivations === undefined) return undefined;
  return (probeParams, probeState, probeInput, probeCtx) =>
    kinkedInputs(layer.apply(probeParams, probeState, probeInput, probeCtx).preActivations ?? []);
}

import type { FloatDType, FloatTensor, Key, Tree } from '@puregrad/tensor';
import type { Activation } from './activations/activation.js';

/** 'train' normalizes with batch statistics and updates running ones; 'infer' only reads state. */
export type Mode = 'train' | 'infer';

/** The context of one `apply` call. */
export interface Context {
  readonly mode: Mode;
  /** Randomness for layers that need it (dropout); unused by the deterministic layers. */
  readonly key?: Key;
}

/** Options of `Layer.init`. */
export interface InitOptions {
  /** The dtype of params and state; float32 unless given. */
  readonly dtype?: FloatDType;
}

/** The result of `Layer.init`. `outputShape` excludes the batch axis, like `inputShape`. */
export interface Initialized<P extends Tree, S extends Tree> {
  readonly params: P;
  readonly state: S;
  readonly outputShape: readonly number[];
}

/** The result of a backward closure: the gradient for the input and one for every param. */
export interface Gradients<P extends Tree> {
  /**
   * The loss gradient for the input x, shaped like x; an empty tensor of shape `[0]` (and x's
   * dtype) when backward was called with `{ inputGrad: false }`.
   */
  readonly dx: FloatTensor;
  readonly grads: P;
}

/** Options of a backward closure. */
export interface BackwardOptions {
  /**
   * Compute the gradient for the input; true unless given. Pass false for the first layer of a
   * network, whose input gradient training never needs: `dx` is then an empty `[0]` tensor and
   * the layer skips its most expensive product (`dZ W` for a linear layer).
   */
  readonly inputGrad?: boolean;
}

/**
 * The result of `Layer.apply`. `backward(dy)` takes the loss gradient for `y` and may be called any
 * number of times, at any later moment, with the same result.
 */
export interface Applied<P extends Tree, S extends Tree> {
  readonly y: FloatTensor;
  readonly state: S;
  readonly backward: (dy: FloatTensor, options?: BackwardOptions) => Gradients<P>;
  /**
   * The input z of every activation inside the layer, in forward order (for a sequential layer,
   * its children's in turn), so that a gradient check can find where relu or leakyRelu has a
   * kink. The built-in layers set it; other layers may leave it out.
   */
  readonly preActivations?: readonly PreActivation[];
}

/** An activation inside a layer and the input z `[batch, units]` it received in one apply. */
export interface PreActivation {
  readonly activation: Activation;
  readonly z: FloatTensor;
}

/** A JSON description of a layer, enough to rebuild it with `layerFromConfig`. */
export type LayerConfig = { readonly kind: string } & { readonly [field: string]: unknown };

/**
 * A layer as a pair of pure functions. `init` draws params from a key. `apply` maps
 * (params, state, x `[batch, ...inputShape]`) to the output, the next state and a backward
 * closure, and never mutates its arguments.
 */
export interface Layer<P extends Tree = Tree, S extends Tree = Tree> {
  readonly config: LayerConfig;
  init(key: Key, inputShape: readonly number[], options?: InitOptions): Initialized<P, S>;
  apply(params: P, state: S, x: FloatTensor, ctx: Context): Applied<P, S>;
}

import {
  allocate,
  formatShape,
  getKernels,
  ShapeError,
  type ActivationKind,
  type FloatTensor,
} from '@puregrad/tensor';

/** The names an activation goes by in layer configs and checkpoints. */
export type ActivationName = 'relu' | 'sigmoid' | 'identity' | 'tanh' | 'leakyRelu' | 'softmax';

/**
 * An activation function as a value, usable inside a dense layer or alone. Every activation has
 * `vjp(z, dy)`, the loss gradient for `z` given the loss gradient `dy` for `apply(z)`; the
 * element-wise ones also have `derivative(z)`, so that `vjp(z, dy) = dy ⊙ derivative(z)`. Softmax
 * has a Jacobian rather than an element-wise derivative, so it has only `vjp`.
 */
export interface Activation {
  readonly name: ActivationName;
  /** The slope for negative inputs; set for leakyRelu only. */
  readonly slope?: number;
  /** Applies the function to z of any shape (softmax: rows of `[batch, classes]`). */
  apply<T extends FloatTensor>(z: T): T;
  /** The element-wise derivative σ'(z), for the element-wise activations only. */
  derivative?<T extends FloatTensor>(z: T): T;
  /** The vector-Jacobian product: the gradient for z given the gradient dy for apply(z). */
  vjp<T extends FloatTensor>(z: T, dy: T): T;
}

/** Raises a ShapeError unless dy has the shape of z, which a vjp needs element by element. */
export function assertSameShape(fn: string, z: FloatTensor, dy: FloatTensor): void {
  const same = z.shape.length === dy.shape.length && z.shape.every((d, i) => d === dy.shape[i]);
  if (!same) {
    throw new ShapeError(
      `${fn}: dy must have the shape of z ${formatShape(z.shape)} (got ${formatShape(dy.shape)}). ` +
        'Pass the gradient for the activation output.',
    );
  }
}

/** Applies a scalar function to every element into a new tensor of z's shape and dtype. */
function mapElements<T extends FloatTensor>(z: T, f: (value: number) => number): T {
  const out = allocate(z.dtype, z.data.length);
  for (let i = 0; i < out.length; i++) out[i] = f(z.data[i] as number);
  return { dtype: z.dtype, shape: z.shape, data: out } as T;
}

/**
 * Builds an element-wise activation from the scalar function and its derivative. The vjp fuses
 * `dy ⊙ σ'(z)` into one loop, so backward allocates one tensor rather than two.
 */
export function elementwiseActivation(
  name: ActivationName,
  f: (z: number) => number,
  df: (z: number) => number,
  slope?: number,
): Activation {
  const vjp = <T extends FloatTensor>(z: T, dy: T): T => {
    assertSameShape(`${name}.vjp`, z, dy);
    const out = allocate(z.dtype, z.data.length);
    for (let i = 0; i < out.length; i++) out[i] = (dy.data[i] as number) * df(z.data[i] as number);
    return { dtype: z.dtype, shape: z.shape, data: out } as T;
  };
  const activation: Activation = {
    name,
    apply: (z) => mapElements(z, f),
    derivative: (z) => mapElements(z, df),
    vjp,
  };
  return Object.freeze(slope === undefined ? activation : { ...activation, slope });
}

/** Allocates a tensor of z's shape and dtype and lets `write` fill its data. */
function writeLike<T extends FloatTensor>(z: T, write: (out: T['data']) => void): T {
  const out = allocate(z.dtype, z.data.length) as T['data'];
  write(out);
  return { dtype: z.dtype, shape: z.shape, data: out } as T;
}

/**
 * Builds an element-wise activation that the kernels implement, so that apply, derivative and
 * vjp run as one kernel call each (WebAssembly SIMD for float32 under the Wasm kernels) rather
 * than a closure call per element. The kernels define σ and σ' for `kind`.
 */
export function kernelActivation(kind: ActivationKind & ActivationName): Activation {
  return Object.freeze({
    name: kind,
    apply: <T extends FloatTensor>(z: T): T =>
      writeLike(z, (out) => getKernels().activation(kind, z.data, out)),
    derivative: <T extends FloatTensor>(z: T): T =>
      writeLike(z, (out) => getKernels().activationBackward(kind, z.data, undefined, out)),
    vjp: <T extends FloatTensor>(z: T, dy: T): T => {
      assertSameShape(`${kind}.vjp`, z, dy);
      return writeLike(z, (out) => getKernels().activationBackward(kind, z.data, dy.data, out));
    },
  });
}

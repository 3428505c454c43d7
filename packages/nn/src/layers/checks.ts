import {
  allocate,
  assertFloat,
  DTypeError,
  formatShape,
  InvalidArgumentError,
  ShapeError,
  type FloatDType,
  type FloatTensor,
} from '@puregrad/tensor';
import type { InitOptions, Mode } from '../layer.js';

/** Raises an InvalidArgumentError unless units is a positive integer. */
export function checkUnits(fn: string, units: unknown): number {
  if (typeof units !== 'number' || !Number.isInteger(units) || units < 1) {
    throw new InvalidArgumentError(
      `${fn}: units must be a positive integer (got ${String(units)}). Pass the number of outputs, e.g. { units: 10 }.`,
    );
  }
  return units;
}

/** Raises an InvalidArgumentError unless momentum is a number in [0, 1). */
export function checkMomentum(fn: string, momentum: unknown): number {
  if (typeof momentum !== 'number' || !(momentum >= 0 && momentum < 1)) {
    throw new InvalidArgumentError(
      `${fn}: momentum must be a number in [0, 1) (got ${String(momentum)}). It weighs the old ` +
        "running statistics, so PyTorch's momentum 0.1 is 0.9 here.",
    );
  }
  return momentum;
}

/** Raises an InvalidArgumentError unless epsilon is a finite number greater than 0. */
export function checkEpsilon(fn: string, epsilon: unknown): number {
  if (typeof epsilon !== 'number' || !(epsilon > 0) || !Number.isFinite(epsilon)) {
    throw new InvalidArgumentError(
      `${fn}: epsilon must be a finite number greater than 0 (got ${String(epsilon)}). Use e.g. 1e-5.`,
    );
  }
  return epsilon;
}

/** Returns the dtype of init's options, float32 unless given, rejecting any other. */
export function initDType(fn: string, options: InitOptions | undefined): FloatDType {
  const dtype = options?.dtype ?? 'float32';
  if (dtype !== 'float32' && dtype !== 'float64') {
    throw new DTypeError(`${fn}: dtype must be float32 or float64 (got "${String(dtype)}").`);
  }
  return dtype;
}

/** Returns the feature count of an input shape `[features]`, which must hold one positive integer. */
export function inputFeatures(fn: string, inputShape: readonly number[]): number {
  const features = inputShape[0];
  if (
    inputShape.length !== 1 ||
    features === undefined ||
    !Number.isInteger(features) ||
    features < 1
  ) {
    throw new ShapeError(
      `${fn}: inputShape must be [features] with a positive integer (got ${formatShape(inputShape)}). ` +
        'Flatten each sample to one axis first.',
    );
  }
  return features;
}

/**
 * Raises unless x is a float `[batch, features]` matrix with the feature count and dtype the
 * layer's params expect. `param` is the param that fixes the count, and the message names it.
 */
export function checkInput(
  fn: string,
  x: FloatTensor,
  features: number,
  dtype: FloatDType,
  param: { readonly name: string; readonly shape: readonly number[] },
): void {
  assertFloat(fn, 'x', x);
  if (x.shape.length !== 2) {
    throw new ShapeError(
      `${fn}: x must be [batch, features] (got shape ${formatShape(x.shape)}). Reshape it to rows.`,
    );
  }
  if (x.shape[1] !== features) {
    throw new ShapeError(
      `${fn}: x must have ${features} features, as ${param.name} ${formatShape(param.shape)} expects ` +
        `(got ${x.shape[1]} in x of shape ${formatShape(x.shape)}). Build the layer for ${x.shape[1]} inputs or fix the input.`,
    );
  }
  if (x.dtype !== dtype) {
    throw new DTypeError(
      `${fn}: x and the params must share a dtype (got x ${x.dtype}, params ${dtype}). ` +
        `Cast x with cast(x, '${dtype}') or init the layer with { dtype: '${x.dtype}' }.`,
    );
  }
}

/**
 * Raises unless a per-unit param or state entry (bias, gamma, beta, running statistics) is a
 * vector `[length]` of the given dtype.
 */
export function checkParamVector(
  fn: string,
  name: string,
  vector: FloatTensor,
  length: number,
  dtype: FloatDType,
): void {
  if (vector.shape.length !== 1 || vector.shape[0] !== length) {
    throw new ShapeError(
      `${fn}: ${name} must have shape [${length}] (got ${formatShape(vector.shape)}). ` +
        "Pass params and state from this layer's init or a matching checkpoint.",
    );
  }
  if (vector.dtype !== dtype) {
    throw new DTypeError(
      `${fn}: ${name} must have dtype ${dtype} like the other params (got ${vector.dtype}).`,
    );
  }
}

/** Raises unless dy has the shape and dtype of the output y it is the gradient for. */
export function checkOutputGrad(fn: string, dy: FloatTensor, y: FloatTensor): void {
  const same = dy.shape.length === y.shape.length && dy.shape.every((d, i) => d === y.shape[i]);
  if (!same) {
    throw new ShapeError(
      `${fn}: dy must have the shape of the output ${formatShape(y.shape)} (got ${formatShape(dy.shape)}). ` +
        "Pass the loss gradient for this layer's y.",
    );
  }
  if (dy.dtype !== y.dtype) {
    throw new DTypeError(
      `${fn}: dy must have the output's dtype ${y.dtype} (got ${dy.dtype}). Cast it with cast().`,
    );
  }
}

/** Returns the placeholder dx `[0]` of a backward called with `{ inputGrad: false }`. */
export function emptyInputGrad(dtype: FloatDType): FloatTensor {
  return { dtype, shape: Object.freeze([0]), data: allocate(dtype, 0) } as FloatTensor;
}

/** The state of a layer without state. */
export type EmptyState = { readonly [name: string]: never };

/** The params of a layer without params. */
export type EmptyParams = { readonly [name: string]: never };

/**
 * Returns ctx.mode, raising an InvalidArgumentError unless ctx is an object whose mode is
 * 'train' or 'infer'. JavaScript callers can omit ctx, and reading its mode would then raise a
 * bare TypeError that does not say what to pass.
 */
export function checkMode(fn: string, ctx: unknown): Mode {
  if (typeof ctx !== 'object' || ctx === null) {
    throw new InvalidArgumentError(
      `${fn}: ctx must be { mode: 'train' | 'infer' } (got ${String(ctx)}). ` +
        "Pass it as apply's fourth argument, e.g. layer.apply(params, state, x, { mode: 'train' }).",
    );
  }
  const mode = (ctx as { readonly mode?: unknown }).mode;
  if (mode !== 'train' && mode !== 'infer') {
    throw new InvalidArgumentError(
      `${fn}: ctx.mode must be 'train' or 'infer' (got ${String(mode)}).`,
    );
  }
  return mode;
}

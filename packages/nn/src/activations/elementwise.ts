import { InvalidArgumentError, ones, type FloatTensor } from '@puregrad/tensor';
import {
  assertSameShape,
  elementwiseActivation,
  kernelActivation,
  type Activation,
} from './activation.js';

/**
 * The rectified linear unit, `relu(z) = max(z, 0)`, with `relu'(z) = 1` for z > 0 and 0 otherwise.
 * The derivative at 0 is 0, as in PyTorch. NaN stays NaN in `apply`. The vjp selects dy where
 * z > 0 and 0 elsewhere, so an infinite or NaN dy gives 0 where z ≤ 0, as PyTorch's does.
 */
export const relu: Activation = kernelActivation('relu');

/** The slope leakyRelu uses for negative inputs unless given another, as in PyTorch. */
export const DEFAULT_LEAKY_RELU_SLOPE = 0.01;

/**
 * Builds the leaky rectified linear unit with the given slope for negative inputs:
 * `leakyRelu(z) = z` for z > 0 and `slope · z` otherwise; the derivative is 1 for z > 0 and
 * `slope` otherwise (at 0 too, as in PyTorch).
 */
export function leakyReluWithSlope(slope: number): Activation {
  if (!Number.isFinite(slope)) {
    throw new InvalidArgumentError(
      `leakyRelu: slope must be a finite number (got ${slope}). Pass a small positive slope such as 0.01.`,
    );
  }
  return elementwiseActivation(
    'leakyRelu',
    (z) => (z > 0 ? z : slope * z),
    (z) => (z > 0 ? 1 : slope),
    slope,
  );
}

/** The leaky rectified linear unit with slope 0.01 for negative inputs; see {@link leakyReluWithSlope}. */
export const leakyRelu: Activation = leakyReluWithSlope(DEFAULT_LEAKY_RELU_SLOPE);

/**
 * The logistic sigmoid, `σ(z) = 1 / (1 + e^{−z})`, with `σ'(z) = σ(z) · σ(−z)`, stable for large
 * |z|. The derivative equals σ(z)(1 − σ(z)), but `1 − σ(z)` cancels to 0 once σ(z) rounds to 1
 * (z above about 37 in float64), while σ(−z) keeps its value. The kernels' activationBackward
 * uses the same product.
 */
export const sigmoid: Activation = kernelActivation('sigmoid');

/**
 * Computes `tanh'(z) = 1 − tanh²(z) = sech²(z)` as `4e / (1 + e)²` with `e = e^{−2|z|}`. Every
 * step adds or multiplies positive numbers, so nothing cancels for large |z| (where `1 − t²`
 * loses all digits once t rounds to ±1) and exp never overflows.
 */
function tanhDerivative(z: number): number {
  const e = Math.exp(-2 * Math.abs(z));
  return (4 * e) / ((1 + e) * (1 + e));
}

/** The hyperbolic tangent, with `tanh'(z) = 1 − tanh²(z)`, computed without cancellation. */
export const tanh: Activation = elementwiseActivation('tanh', Math.tanh, tanhDerivative);

/**
 * The identity, `identity(z) = z`, with derivative 1. `apply` returns z itself and `vjp` returns
 * dy itself: tensors are immutable, so sharing them is safe and saves a copy.
 */
export const identity: Activation = Object.freeze({
  name: 'identity',
  apply: <T extends FloatTensor>(z: T): T => z,
  derivative: <T extends FloatTensor>(z: T): T => ones(z.shape, z.dtype) as T,
  vjp: <T extends FloatTensor>(z: T, dy: T): T => {
    assertSameShape('identity.vjp', z, dy);
    return dy;
  },
});

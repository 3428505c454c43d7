import type { FloatArray } from '../../dtype.js';
import type { ActivationKind } from '../types.js';

function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/** Plain TypeScript activation; see `Kernels.activation`. */
export function activation(kind: ActivationKind, z: FloatArray, out: FloatArray): void {
  switch (kind) {
    case 'relu':
      // Math.max keeps a NaN input, as f32x4.max does in the Wasm kernels.
      for (let i = 0; i < z.length; i++) out[i] = Math.max(z[i] as number, 0);
      return;
    case 'sigmoid':
      for (let i = 0; i < z.length; i++) out[i] = sigmoid(z[i] as number);
      return;
    case 'identity':
      out.set(z);
      return;
  }
}

function derivative(kind: ActivationKind, z: number): number {
  if (kind === 'relu') return z > 0 ? 1 : 0;
  if (kind === 'sigmoid') return sigmoid(z) * sigmoid(-z);
  return 1;
}

/** Plain TypeScript activation gradient; see `Kernels.activationBackward`. */
export function activationBackward(
  kind: ActivationKind,
  z: FloatArray,
  dy: FloatArray | undefined,
  outDz: FloatArray,
): void {
  if (kind === 'relu') {
    // A select rather than dy · 0, so an infinite or NaN dy still gives 0 where z ≤ 0.
    for (let i = 0; i < z.length; i++) {
      outDz[i] = (z[i] as number) > 0 ? (dy === undefined ? 1 : (dy[i] as number)) : 0;
    }
    return;
  }
  for (let i = 0; i < z.length; i++) {
    const upstream = dy === undefined ? 1 : (dy[i] as number);
    outDz[i] = upstream * derivative(kind, z[i] as number);
  }
}

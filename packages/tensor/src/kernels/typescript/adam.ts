import type { FloatArray } from '../../dtype.js';

/** Plain TypeScript Adam step; see `Kernels.adamUpdate`. */
export function adamUpdate(
  grads: FloatArray,
  m: FloatArray,
  v: FloatArray,
  learningRate: number,
  beta1: number,
  beta2: number,
  epsilon: number,
  correction1: number,
  correction2: number,
  outM: FloatArray,
  outV: FloatArray,
  outUpdate: FloatArray,
): void {
  for (let i = 0; i < grads.length; i++) {
    const g = grads[i] as number;
    const mi = beta1 * (m[i] as number) + (1 - beta1) * g;
    const vi = beta2 * (v[i] as number) + (1 - beta2) * g * g;
    outM[i] = mi;
    outV[i] = vi;
    outUpdate[i] = (-learningRate * (mi / correction1)) / (Math.sqrt(vi / correction2) + epsilon);
  }
}

import { concatRows, full, normal, tensor, type Key } from '@puregrad/tensor';
import type { Batch } from '@puregrad/train';

/**
 * Generates two interleaved spirals of `perArm` points each: arm a ∈ {0, 1} at t = i / perArm has
 * radius t and angle 2 turns · 2π · t + a·π, plus Gaussian noise of standard deviation 0.02 drawn
 * from `key` on both coordinates. Targets are int32 labels (the arm).
 */
export function twoSpirals(key: Key, perArm = 200): Batch {
  const coordinates: number[] = [];
  for (let arm = 0; arm < 2; arm++) {
    for (let i = 0; i < perArm; i++) {
      const t = i / perArm;
      const angle = 2 * 2 * Math.PI * t + arm * Math.PI;
      coordinates.push(t * Math.cos(angle), t * Math.sin(angle));
    }
  }

  const noise = normal(key, [2 * perArm, 2], { dtype: 'float32', std: 0.02 });
  const noisy = coordinates.map((value, i) => value + (noise.data[i] as number));
  const inputs = tensor(noisy, { shape: [2 * perArm, 2] });
  const targets = concatRows([full([perArm], 0, 'int32'), full([perArm], 1, 'int32')]);
  return { inputs, targets };
}

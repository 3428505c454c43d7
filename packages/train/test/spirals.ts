import { cast, concatRows, full, normal, split, tensor, type Key } from '@puregrad/tensor';
import type { Batch } from '@puregrad/train';

/**
 * Generates two interleaved spirals of `perArm` points each: arm a ∈ {0, 1} at t = i / perArm has
 * radius t and angle 2 turns · 2π · t + a·π, plus Gaussian noise of standard deviation 0.02 on both
 * coordinates. Targets are int32 labels (the arm).
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
  const [noiseKey] = split(key, 1) as [Key];
  const noise = normal(noiseKey, [2 * perArm, 2], { dtype: 'float32', std: 0.02 });
  const clean = tensor(coordinates, { shape: [2 * perArm, 2] });
  const inputs = tensor(
    Array.from(clean.data, (value, i) => value + (noise.data[i] as number)),
    { shape: [2 * perArm, 2] },
  );
  const labels = concatRows([full([perArm], 0, 'int32'), full([perArm], 1, 'int32')]);
  return { inputs, targets: cast(labels, 'int32') };
}

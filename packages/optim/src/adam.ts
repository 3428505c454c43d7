import { withConfig } from './chain.js';
import {
  resolveAdamOptions,
  scaleByAdam,
  type AdamOptions,
  type AdamState,
} from './scaleByAdam.js';
import type { GradientTransformation } from './transformation.js';

/**
 * Adam with bias correction, epsilon added after the square root (PyTorch's `torch.optim.Adam`):
 * with t = count + 1, `m ← β₁m + (1−β₁)g`, `v ← β₂v + (1−β₂)g²`,
 * `p ← p − lr · m̂ / (√v̂ + ε)`, `m̂ = m / (1 − β₁ᵗ)`, `v̂ = v / (1 − β₂ᵗ)`. Defaults: lr 1e-3,
 * β₁ 0.9, β₂ 0.999, ε 1e-8. The state is `{ count, mu, nu }`, count an int32 scalar.
 *
 * @example
 * const optimizer = adam({ learningRate: 1e-2 });
 */
export function adam(
  options: Omit<AdamOptions, 'weightDecay'> = {},
): GradientTransformation<AdamState> {
  const { rate, beta1, beta2, epsilon } = resolveAdamOptions('adam', options);
  const config = { kind: 'adam', learningRate: rate.config, beta1, beta2, epsilon };
  return withConfig(scaleByAdam({ ...options, weightDecay: 0 }, 'adam'), config);
}

/**
 * AdamW (PyTorch's `torch.optim.AdamW`): first the decoupled decay `p ← p − lr·λ·p`, then the
 * Adam step of {@link adam}, both from the params before the step. λ is 0.01 unless given; the
 * other defaults are Adam's. `update` needs the params.
 *
 * @example
 * const optimizer = adamw({ learningRate: 1e-3, weightDecay: 0.05 });
 */
export function adamw(options: AdamOptions = {}): GradientTransformation<AdamState> {
  const withDecay = { ...options, weightDecay: options.weightDecay ?? 0.01 };
  const { rate, beta1, beta2, epsilon, weightDecay } = resolveAdamOptions('adamw', withDecay);
  const config = { kind: 'adamw', learningRate: rate.config, beta1, beta2, epsilon, weightDecay };
  return withConfig(scaleByAdam(withDecay, 'adamw'), config);
}

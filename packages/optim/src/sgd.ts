import { InvalidArgumentError } from '@puregrad/tensor';
import { chain, withConfig } from './chain.js';
import { scaleByLearningRate } from './scaleByLearningRate.js';
import { resolveLearningRate, type LearningRate } from './schedule.js';
import { trace } from './trace.js';
import type { GradientTransformation } from './transformation.js';
import { checkBoolean, checkUnitInterval } from './validate.js';

/** Options of {@link sgd}. */
export interface SgdOptions {
  /** A number ≥ 0 or a schedule of the 0-based step count. */
  readonly learningRate: LearningRate;
  /** The weight μ of the previous velocity, in [0, 1); 0 (plain SGD) unless given. */
  readonly momentum?: number;
  /** Whether to take the Nesterov step `p ← p − lr·(g + μ·v)`; needs momentum > 0. */
  readonly nesterov?: boolean;
}

/**
 * Stochastic gradient descent with PyTorch's conventions: `p ← p − lr·g`; with momentum μ > 0,
 * `v ← μ·v + g` (the first step gives v = g) and `p ← p − lr·v`, or `p ← p − lr·(g + μ·v)` with
 * Nesterov. Built as `scaleByLearningRate`, preceded by `trace` when μ > 0.
 *
 * @example
 * const optimizer = sgd({ learningRate: 0.1, momentum: 0.9, nesterov: true });
 */
export function sgd(options: SgdOptions): GradientTransformation {
  if (options === null || typeof options !== 'object') {
    throw new InvalidArgumentError(
      `sgd: options must be an object with a learningRate (got ${String(options)}). Call sgd({ learningRate: 0.1 }).`,
    );
  }
  const { learningRate, momentum = 0, nesterov = false } = options;
  const rate = resolveLearningRate('sgd', learningRate);
  checkUnitInterval('sgd', 'momentum', momentum, 'Pass a momentum such as 0.9, or 0 for none');
  checkBoolean('sgd', 'nesterov', nesterov);
  if (nesterov && momentum === 0) {
    throw new InvalidArgumentError(
      'sgd: momentum must be > 0 when nesterov is true (got 0). Pass a momentum such as 0.9 or set nesterov to false.',
    );
  }
  const config = { kind: 'sgd', learningRate: rate.config, momentum, nesterov };

  const scale = scaleByLearningRate(learningRate, 'sgd');
  if (momentum === 0) return withConfig(scale, config);
  return withConfig(chain(trace({ momentum, nesterov }), scale), config);
}

import { InvalidArgumentError } from '@puregrad/tensor';
import { adam, adamw } from './adam.js';
import { chain } from './chain.js';
import { clipByGlobalNorm } from './clipByGlobalNorm.js';
import { scaleByAdam } from './scaleByAdam.js';
import { scaleByLearningRate } from './scaleByLearningRate.js';
import { learningRateFromConfig, type LearningRate, type LearningRateConfig } from './schedule.js';
import { sgd } from './sgd.js';
import { trace } from './trace.js';
import type { GradientTransformation, OptimizerConfig } from './transformation.js';

type Fields = Readonly<Record<string, unknown>>;

// Each builder passes the config's fields on unchecked: the factories validate every value and
// name the bad one, so a missing or malformed field fails with the factory's message.
const builders: Readonly<Record<string, (config: Fields) => GradientTransformation>> = {
  sgd: (c) => sgd({ learningRate: rateOf(c), momentum: num(c, 'momentum'), nesterov: bool(c) }),
  adam: (c) => adam(adamFields(c)),
  adamw: (c) => adamw({ ...adamFields(c), weightDecay: num(c, 'weightDecay') }),
  scaleByAdam: (c) => scaleByAdam({ ...adamFields(c), weightDecay: num(c, 'weightDecay') }),
  scaleByLearningRate: (c) => scaleByLearningRate(rateOf(c) as LearningRate),
  trace: (c) => trace({ momentum: c['momentum'] as number, nesterov: bool(c) }),
  clipByGlobalNorm: (c) => clipByGlobalNorm(c['maxNorm'] as number),
  chain: (c) => chain(...innerConfigs(c).map(optimizerFromConfig)),
};

/**
 * Rebuilds an optimizer from its `config`, as checkpoints and fixtures store it: kinds sgd, adam,
 * adamw, chain, clipByGlobalNorm, scaleByAdam, scaleByLearningRate and trace. Missing optional
 * fields take the factory's defaults, except the learning rate, which every config must give so
 * that a restored run trains at the stored rate. Invalid values raise the factory's
 * InvalidArgumentError.
 *
 * @example
 * const optimizer = optimizerFromConfig({ kind: 'adam', learningRate: 1e-3 });
 */
export function optimizerFromConfig(config: OptimizerConfig): GradientTransformation {
  const kind = (config as { kind?: unknown } | undefined)?.kind;
  const build = typeof kind === 'string' ? builders[kind] : undefined;
  if (build === undefined) {
    throw new InvalidArgumentError(
      `optimizerFromConfig: kind must be one of ${Object.keys(builders).join(', ')} (got ${String(kind)}). Fix the config's kind.`,
    );
  }
  return build(config);
}

function rateOf(config: Fields): LearningRate {
  const value = config['learningRate'];
  if (value !== null && typeof value === 'object') {
    return learningRateFromConfig(value as LearningRateConfig);
  }
  return value as number;
}

function num(config: Fields, field: string): number | undefined {
  return config[field] as number | undefined;
}

function bool(config: Fields): boolean | undefined {
  return config['nesterov'] as boolean | undefined;
}

function adamFields(config: Fields) {
  // Adam's factory would fill a missing rate with 1e-3, which silently changes a restored run.
  if (config['learningRate'] === undefined) {
    throw new InvalidArgumentError(
      `optimizerFromConfig: learningRate must be given in a ${String(config['kind'])} config (got undefined). Store the rate with the config, as the optimizer's own config does.`,
    );
  }
  return {
    learningRate: rateOf(config),
    beta1: num(config, 'beta1'),
    beta2: num(config, 'beta2'),
    epsilon: num(config, 'epsilon'),
  };
}

function innerConfigs(config: Fields): readonly OptimizerConfig[] {
  const inner = config['transformations'];
  if (!Array.isArray(inner)) {
    throw new InvalidArgumentError(
      `optimizerFromConfig: a chain's transformations must be an array of configs (got ${String(inner)}). List the inner configs in order.`,
    );
  }
  return inner as readonly OptimizerConfig[];
}

import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '@puregrad/tensor';
import {
  adam,
  adamw,
  chain,
  clipByGlobalNorm,
  linearWarmupSchedule,
  optimizerFromConfig,
  sgd,
  type GradientTransformation,
} from '@puregrad/optim';
import { flatValues, paramsTree } from './helpers.js';

function threeSteps(optimizer: GradientTransformation): number[] {
  const params = paramsTree([0.5, -1, 2]);
  const grads = paramsTree([3, -0.25, 1, 7]);
  let optState = optimizer.init(params);
  const values: number[] = [];
  for (let i = 0; i < 3; i++) {
    const result = optimizer.update(grads, optState, params);
    optState = result.optState;
    values.push(...flatValues(result.updates));
  }
  return values;
}

describe('optimizerFromConfig', () => {
  const optimizers: ReadonlyArray<[string, GradientTransformation]> = [
    ['sgd', sgd({ learningRate: 0.1 })],
    ['nesterov', sgd({ learningRate: 0.1, momentum: 0.9, nesterov: true })],
    ['adam', adam({ learningRate: 0.01, beta1: 0.8 })],
    ['adamw', adamw({ weightDecay: 0.05 })],
    [
      'scheduled adam',
      adam({ learningRate: linearWarmupSchedule({ peakValue: 1e-2, warmupSteps: 2 }) }),
    ],
    ['chain', chain(clipByGlobalNorm(1), adamw())],
  ];

  it.each(optimizers)('%s round-trips through JSON', (_name, optimizer) => {
    const config = JSON.parse(JSON.stringify(optimizer.config));
    const rebuilt = optimizerFromConfig(config);
    expect(rebuilt.config).toEqual(optimizer.config);
    expect(threeSteps(rebuilt)).toEqual(threeSteps(optimizer));
  });

  it('fixture config without optional fields takes defaults', () => {
    const rebuilt = optimizerFromConfig({ kind: 'adam', learningRate: 0.001 });
    expect(rebuilt.config).toEqual(adam().config);
  });

  it('unknown kind is rejected', () => {
    expect(() => optimizerFromConfig({ kind: 'rmsprop' })).toThrow(InvalidArgumentError);
    expect(() => optimizerFromConfig({ kind: 'rmsprop' })).toThrow(/kind must be one of sgd, adam/);
  });

  it('missing learning rate is rejected', () => {
    expect(() => optimizerFromConfig({ kind: 'sgd' })).toThrow(
      /sgd: learningRate .* \(got undefined\)/,
    );
  });
});

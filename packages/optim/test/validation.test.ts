import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '@puregrad/tensor';
import { adam, adamw, clipByGlobalNorm, sgd } from '@puregrad/optim';

// Every invalid hyperparameter is rejected where the optimizer is built, with the field named.
const cases: ReadonlyArray<[string, () => unknown, RegExp]> = [
  [
    'negative learning rate',
    () => sgd({ learningRate: -0.1 }),
    /sgd: learningRate must be a finite number ≥ 0 \(got -0.1\)/,
  ],
  [
    'NaN learning rate',
    () => adam({ learningRate: Number.NaN }),
    /adam: learningRate .* \(got NaN\)/,
  ],
  [
    'infinite learning rate',
    () => adamw({ learningRate: Infinity }),
    /adamw: learningRate .* \(got Infinity\)/,
  ],
  [
    'momentum of 1',
    () => sgd({ learningRate: 0.1, momentum: 1 }),
    /sgd: momentum must be in \[0, 1\) \(got 1\)/,
  ],
  [
    'negative momentum',
    () => sgd({ learningRate: 0.1, momentum: -0.5 }),
    /momentum must be in \[0, 1\)/,
  ],
  [
    'nesterov without momentum',
    () => sgd({ learningRate: 0.1, nesterov: true }),
    /momentum must be > 0 when nesterov/,
  ],
  ['beta1 of 1', () => adam({ beta1: 1 }), /adam: beta1 must be in \[0, 1\) \(got 1\)/],
  ['negative beta2', () => adam({ beta2: -0.1 }), /adam: beta2 must be in \[0, 1\)/],
  [
    'zero epsilon',
    () => adam({ epsilon: 0 }),
    /adam: epsilon must be a finite number > 0 \(got 0\)/,
  ],
  [
    'negative weight decay',
    () => adamw({ weightDecay: -0.01 }),
    /adamw: weightDecay must be a finite number ≥ 0/,
  ],
  [
    'zero max norm',
    () => clipByGlobalNorm(0),
    /clipByGlobalNorm: maxNorm must be a finite number > 0/,
  ],
];

describe('hyperparameter validation', () => {
  it.each(cases)('%s is rejected', (_name, build, message) => {
    expect(build).toThrow(InvalidArgumentError);
    expect(build).toThrow(message);
  });

  it('boundary values are accepted', () => {
    expect(() => sgd({ learningRate: 0, momentum: 0 })).not.toThrow();
    expect(() => adam({ beta1: 0, beta2: 0 })).not.toThrow();
    expect(() => adamw({ weightDecay: 0 })).not.toThrow();
  });
});

import { InvalidArgumentError } from '@puregrad/tensor';
import {
  activations,
  activationToConfig,
  leakyReluWithSlope,
  relu,
  resolveActivation,
  type ActivationName,
} from '@puregrad/nn';
import { describe, expect, it } from 'vitest';

const names: ActivationName[] = ['relu', 'sigmoid', 'identity', 'tanh', 'leakyRelu', 'softmax'];

describe('resolveActivation', () => {
  it.each(names)('finds %s by name', (name) => {
    expect(resolveActivation('test', name)).toBe(activations[name]);
    expect(activations[name].name).toBe(name);
  });

  it('returns an activation value itself', () => {
    expect(resolveActivation('test', relu)).toBe(relu);
  });

  it('builds leakyRelu from its config', () => {
    const fn = resolveActivation('test', { name: 'leakyRelu', slope: 0.3 });
    expect(fn.slope).toBe(0.3);
  });

  it('rejects an unknown name', () => {
    expect(() => resolveActivation('dense', 'gelu' as ActivationName)).toThrow(
      InvalidArgumentError,
    );
    expect(() => resolveActivation('dense', 'gelu' as ActivationName)).toThrow(
      /^dense: activation must be one of relu, sigmoid, identity, tanh, leakyRelu, softmax \(got "gelu"\)\.$/,
    );
  });

  it('rejects an inherited property name', () => {
    expect(() => resolveActivation('dense', 'toString' as ActivationName)).toThrow(
      InvalidArgumentError,
    );
  });
});

describe('activationToConfig', () => {
  it.each(names.filter((n) => n !== 'leakyRelu'))('writes %s as its name', (name) => {
    expect(activationToConfig(activations[name])).toBe(name);
  });

  it('writes leakyRelu with its slope', () => {
    expect(activationToConfig(leakyReluWithSlope(0.2))).toEqual({ name: 'leakyRelu', slope: 0.2 });
  });
});

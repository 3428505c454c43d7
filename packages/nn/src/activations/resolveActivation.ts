import { InvalidArgumentError } from '@puregrad/tensor';
import type { Activation, ActivationName } from './activation.js';
import {
  DEFAULT_LEAKY_RELU_SLOPE,
  identity,
  leakyRelu,
  leakyReluWithSlope,
  relu,
  sigmoid,
  tanh,
} from './elementwise.js';
import { softmaxActivation } from './softmax.js';

/** Every built-in activation by its config name; leakyRelu has its default slope 0.01. */
export const activations: Readonly<Record<ActivationName, Activation>> = Object.freeze({
  relu,
  sigmoid,
  identity,
  tanh,
  leakyRelu,
  softmax: softmaxActivation,
});

/** An activation as a JSON config: its name, or an object for leakyRelu with its slope. */
export type ActivationConfig =
  ActivationName | { readonly name: 'leakyRelu'; readonly slope: number };

/** An activation as layers accept it: a config (name or leakyRelu object) or the value itself. */
export type ActivationSpec = ActivationConfig | Activation;

const names = Object.keys(activations).join(', ');

/** Returns the activation a spec names, or the activation itself when given one. */
export function resolveActivation(fn: string, spec: ActivationSpec): Activation {
  if (typeof spec === 'string') {
    const found = Object.hasOwn(activations, spec) ? activations[spec] : undefined;
    if (found === undefined) {
      throw new InvalidArgumentError(
        `${fn}: activation must be one of ${names} (got "${String(spec)}").`,
      );
    }
    return found;
  }
  if (typeof spec !== 'object' || spec === null) {
    throw new InvalidArgumentError(
      `${fn}: activation must be a name, an Activation or { name: 'leakyRelu', slope } (got ${String(spec)}).`,
    );
  }
  if ('apply' in spec && typeof spec.apply === 'function') return spec;
  if (spec.name === 'leakyRelu' && typeof spec.slope === 'number') {
    return leakyReluWithSlope(spec.slope);
  }
  throw new InvalidArgumentError(
    `${fn}: an activation object must be an Activation or { name: 'leakyRelu', slope } (got ${JSON.stringify(spec)}).`,
  );
}

/**
 * Returns the JSON config of an activation: its name, with the slope for leakyRelu.
 * NOTE: a custom Activation is written by its name alone, so layerFromConfig rebuilds the
 * built-in activation of that name, not the custom one.
 */
export function activationToConfig(activation: Activation): ActivationConfig {
  if (activation.name === 'leakyRelu') {
    return { name: 'leakyRelu', slope: activation.slope ?? DEFAULT_LEAKY_RELU_SLOPE };
  }
  return activation.name;
}

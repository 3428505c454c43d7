import fc from 'fast-check';
import type { ActivationConfig, ActivationName, LayerConfig } from '@puregrad/nn';
import { InvalidArgumentError } from '@puregrad/tensor';

/** Every built-in activation, in the order the arbitraries draw from. */
export const activationNames: readonly ActivationName[] = Object.freeze([
  'relu',
  'sigmoid',
  'identity',
  'tanh',
  'leakyRelu',
  'softmax',
]);

/** The layer kinds that `layerConfigArbitrary` generates, as `layerFromConfig` names them. */
export type LayerKind = 'dense' | 'linear' | 'batchNorm' | 'activation';

/** Every layer kind that stacks may contain. */
export const layerKinds: readonly LayerKind[] = Object.freeze([
  'dense',
  'linear',
  'batchNorm',
  'activation',
]);

/** Options of {@link layerConfigArbitrary}. */
export interface LayerConfigArbitraryOptions {
  /** The kinds to draw from; every kind unless given. */
  readonly kinds?: readonly LayerKind[];
  /** The activations of dense and activation layers; every built-in one unless given. */
  readonly activations?: readonly ActivationName[];
  /** Whether dense layers batch-normalize their input: true, false or 'either' (the default). */
  readonly batchNorm?: boolean | 'either';
  /** The minimum number of units of dense and linear layers; 1 unless given. */
  readonly minUnits?: number;
  /** The maximum number of units of dense and linear layers; 4 unless given. */
  readonly maxUnits?: number;
}

/**
 * Generates activation configs from `names`. A leakyRelu gets a slope in [0.01, 0.3] as
 * `{ name: 'leakyRelu', slope }`, so slopes other than the default are exercised.
 */
export function activationConfigArbitrary(
  names: readonly ActivationName[] = activationNames,
): fc.Arbitrary<ActivationConfig> {
  if (names.length === 0) {
    throw new InvalidArgumentError(
      'activationConfigArbitrary: names must contain at least one activation (got none).',
    );
  }
  return fc
    .constantFrom(...names)
    .chain((name) =>
      name === 'leakyRelu'
        ? fc
            .double({ min: 0.01, max: 0.3, noNaN: true })
            .map((slope): ActivationConfig => ({ name: 'leakyRelu', slope }))
        : fc.constant<ActivationConfig>(name),
    );
}

/**
 * Generates batch-norm settings: momentum in [0.5, 0.99] and epsilon in [1e-5, 1e-2], the range
 * where the running averages move and epsilon stays small next to a variance of at least 0.01.
 */
export function batchNormSettingsArbitrary(): fc.Arbitrary<{ momentum: number; epsilon: number }> {
  return fc.record({
    momentum: fc.double({ min: 0.5, max: 0.99, noNaN: true }),
    epsilon: fc.double({ min: 1e-5, max: 1e-2, noNaN: true }),
  });
}

function normalizationArbitrary(
  batchNorm: boolean | 'either',
): fc.Arbitrary<{ momentum: number; epsilon: number } | null> {
  if (batchNorm === 'either') return fc.option(batchNormSettingsArbitrary(), { nil: null });
  return batchNorm ? batchNormSettingsArbitrary() : fc.constant(null);
}

/**
 * Generates configs for `layerFromConfig`: `{ kind: 'dense', units, activation, batchNorm }`,
 * `{ kind: 'linear', units, init }`, `{ kind: 'batchNorm', momentum, epsilon }` or
 * `{ kind: 'activation', activation }`, within the options' kinds, activations and units.
 */
export function layerConfigArbitrary(
  options: LayerConfigArbitraryOptions = {},
): fc.Arbitrary<LayerConfig> {
  const { kinds = layerKinds, minUnits = 1, maxUnits = 4, batchNorm = 'either' } = options;
  if (kinds.length === 0) {
    throw new InvalidArgumentError(
      'layerConfigArbitrary: kinds must contain at least one layer kind (got none).',
    );
  }
  const units = fc.integer({ min: minUnits, max: maxUnits });
  const activation = activationConfigArbitrary(options.activations);
  const normalization = normalizationArbitrary(batchNorm);

  const byKind: Record<LayerKind, fc.Arbitrary<LayerConfig>> = {
    dense: fc.record({ kind: fc.constant('dense'), units, activation, batchNorm: normalization }),
    linear: fc.record({
      kind: fc.constant('linear'),
      units,
      init: fc.constantFrom('heNormal', 'glorotUniform'),
    }),
    batchNorm: batchNormSettingsArbitrary().map((settings) => ({ kind: 'batchNorm', ...settings })),
    activation: fc.record({ kind: fc.constant('activation'), activation }),
  };
  return fc.constantFrom(...kinds).chain((kind) => byKind[kind]);
}

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  awayFromKinks,
  batchArbitrary,
  batchNormInputsConditioned,
  isWellConditioned,
  layerConfigArbitrary,
  stackArbitrary,
  tensorArbitrary,
} from '@puregrad/check';
import { tensor, type Tensor } from '@puregrad/tensor';

describe('tensorArbitrary', () => {
  it('keeps the given shape and range', () => {
    fc.assert(
      fc.property(tensorArbitrary({ shape: [2, 3], min: -0.3, max: 0.7 }), (x) => {
        expect(x.shape).toEqual([2, 3]);
        expect(x.dtype).toBe('float64');
        expect(x.data.every((value) => value >= -0.3 && value <= 0.7)).toBe(true);
      }),
    );
  });

  it('keeps float32 elements in range', () => {
    // 0.1 is not a float32 value, so the bounds must be rounded inward.
    fc.assert(
      fc.property(tensorArbitrary({ dtype: 'float32', min: 0.1, max: 0.3 }), (x) => {
        expect(x.dtype).toBe('float32');
        expect(x.data.every((value) => value >= 0.1 && value <= 0.3)).toBe(true);
      }),
    );
  });

  it('spreads elements over the range', () => {
    // Even spread in value puts about half the draws above 0.5 in [0, 1]; fc.double alone puts
    // most of them within 1e-3 of 0.
    const values = fc
      .sample(fc.noBias(tensorArbitrary({ shape: [100], min: 0, max: 1 })), 5)
      .flatMap((x) => Array.from(x.data));
    const above = values.filter((value) => value > 0.5).length / values.length;

    expect(above).toBeGreaterThan(0.3);
    expect(above).toBeLessThan(0.7);
  });

  it('rejects an empty range', () => {
    expect(() => tensorArbitrary({ min: 1, max: 0 })).toThrow(/min and max must be finite/);
  });
});

describe('batchArbitrary', () => {
  it('draws the batch axis within bounds', () => {
    fc.assert(
      fc.property(batchArbitrary({ featureShape: [3], minBatch: 2, maxBatch: 5 }), (x) => {
        expect(x.shape[1]).toBe(3);
        expect(x.shape[0]).toBeGreaterThanOrEqual(2);
        expect(x.shape[0]).toBeLessThanOrEqual(5);
      }),
    );
  });
});

describe('layerConfigArbitrary', () => {
  it('draws only the given kinds', () => {
    fc.assert(
      fc.property(layerConfigArbitrary({ kinds: ['dense'], batchNorm: false }), (config) => {
        expect(config.kind).toBe('dense');
        expect(config['batchNorm']).toBeNull();
      }),
    );
  });
});

describe('isWellConditioned', () => {
  it('rejects a feature with small spread', () => {
    // Column 1 has biased standard deviation 0.05.
    const x = tensor(
      [
        [1, 0.95],
        [-1, 1.05],
      ],
      { dtype: 'float64' },
    );

    expect(isWellConditioned(x)).toBe(false);
    expect(isWellConditioned(x, { minBatchStd: 0.01 })).toBe(true);
  });

  it('rejects an element over maxAbs', () => {
    const x = tensor(
      [
        [11, 0],
        [-1, 1],
      ],
      { dtype: 'float64' },
    );

    expect(isWellConditioned(x)).toBe(false);
  });
});

describe('stackArbitrary', () => {
  it('keeps only conditioned cases away from kinks', () => {
    fc.assert(
      fc.property(stackArbitrary({ maxLayers: 3 }), (stack) => {
        const ctx = { mode: stack.mode };
        const { layer, params, state, input } = stack;

        expect(batchNormInputsConditioned(layer, params, state, input, ctx)).toBe(true);
        expect(awayFromKinks(layer, params, state, input, ctx, 1e-3)).toBe(true);
        expect(stack.configs.length).toBeLessThanOrEqual(3);
      }),
      { numRuns: 50 },
    );
  });

  it('varies gamma away from one', () => {
    const [stack] = fc.sample(stackArbitrary({ kinds: ['batchNorm'], maxLayers: 1 }), 1);
    const gamma = (stack?.params[0] as { readonly gamma: Tensor }).gamma;

    expect(Array.from(gamma.data).some((value) => value !== 1)).toBe(true);
  });
});

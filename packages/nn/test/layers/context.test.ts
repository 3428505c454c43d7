import { InvalidArgumentError, key } from '@puregrad/tensor';
import {
  activation,
  batchNorm,
  dense,
  linear,
  sequential,
  type Context,
  type Layer,
} from '@puregrad/nn';
import { describe, expect, it } from 'vitest';
import { f64 } from '../helpers/numeric.js';

// Each layer with the name its errors start with.
const layers: [string, Layer][] = [
  ['linear', linear({ units: 2 })],
  ['batchNorm', batchNorm()],
  ['activation', activation('relu')],
  ['dense', dense({ units: 2, activation: 'sigmoid' })],
  ['dense', dense({ units: 2, batchNorm: false })],
  ['sequential', sequential(linear({ units: 2 }), activation('tanh'))],
];

const x = f64([
  [0.5, -1, 2],
  [1.5, 0.2, -0.3],
]);

/** Calls apply the way a JavaScript caller could, with any value (or nothing) as ctx. */
function applyWith(layer: Layer, ...ctx: unknown[]): () => unknown {
  const { params, state } = layer.init(key(0), [3], { dtype: 'float64' });
  const untyped = layer.apply as (...args: unknown[]) => unknown;
  return () => untyped(params, state, x, ...ctx);
}

describe.each(layers)('%s apply context', (name, layer) => {
  it('rejects a missing ctx', () => {
    const call = applyWith(layer);
    expect(call).toThrow(InvalidArgumentError);
    expect(call).toThrow(
      new RegExp(`^${name}: ctx must be \\{ mode: 'train' \\| 'infer' \\} \\(got undefined\\)`),
    );
    expect(call).toThrow(/layer\.apply\(params, state, x, \{ mode: 'train' \}\)/);
  });

  it('rejects a null ctx', () => {
    expect(applyWith(layer, null)).toThrow(/ctx must be .* \(got null\)/);
  });

  it('rejects an unknown mode', () => {
    const call = applyWith(layer, { mode: 'eval' });
    expect(call).toThrow(InvalidArgumentError);
    expect(call).toThrow(/ctx.mode must be 'train' or 'infer' \(got eval\)/);
  });

  it('accepts both modes', () => {
    for (const mode of ['train', 'infer'] as const) {
      const ctx: Context = { mode };
      expect(applyWith(layer, ctx)).not.toThrow();
    }
  });
});

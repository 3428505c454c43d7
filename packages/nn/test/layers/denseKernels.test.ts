import {
  key,
  setKernels,
  toArray,
  uniform,
  wasmUnavailableReason,
  type FloatTensor,
} from '@puregrad/tensor';
import { dense, type Mode } from '@puregrad/nn';
import { describe, expect, it } from 'vitest';

/** Runs one dense forward and both backward paths with the named kernels. */
function runWith(kernels: 'typescript' | 'wasm', mode: Mode): number[][] {
  const previous = setKernels(kernels);
  try {
    const layer = dense({ units: 7, activation: 'sigmoid' });
    const init = layer.init(key(11), [13]);
    const x = uniform(key(12), [9, 13], { dtype: 'float32', low: -2, high: 2 }) as FloatTensor;
    const applied = layer.apply(init.params, init.state, x, { mode });
    const full = applied.backward(applied.y);
    const skipped = applied.backward(applied.y, { inputGrad: false });
    return [
      toArray(applied.y),
      toArray(applied.state.runningVariance),
      toArray(full.dx),
      ...(['gamma', 'beta', 'weight', 'bias'] as const).map((name) => toArray(full.grads[name])),
      ...(['gamma', 'beta', 'weight', 'bias'] as const).map((name) => toArray(skipped.grads[name])),
    ];
  } finally {
    setKernels(previous);
  }
}

describe.skipIf(wasmUnavailableReason() !== undefined)('dense with Wasm kernels', () => {
  it.each(['train', 'infer'] as const)('matches the TypeScript kernels in %s mode', (mode) => {
    const reference = runWith('typescript', mode);
    const wasm = runWith('wasm', mode);
    reference.forEach((expected, part) => {
      expected.forEach((value, i) => {
        // float32 kernels may sum in another order: 13-term sums of O(1) values differ by
        // at most about 13 · 2⁻²⁴ relative, so 1e-5 of max(1, |value|) leaves room.
        const actual = wasm[part]![i]!;
        expect(Math.abs(actual - value)).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(value)));
      });
    });
  });
});

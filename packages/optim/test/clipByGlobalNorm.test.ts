import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tensor, toArray } from '@puregrad/tensor';
import { applyUpdates, chain, clipByGlobalNorm, sgd } from '@puregrad/optim';
import { flatValues, paramsTree, treeValues } from './helpers.js';

const norm = (values: number[]): number => Math.sqrt(values.reduce((sum, v) => sum + v * v, 0));

describe('clipByGlobalNorm', () => {
  it('rescales grads above the max norm', () => {
    const clip = clipByGlobalNorm(1);
    const grads = { a: tensor([3], { dtype: 'float64' }), b: tensor([4], { dtype: 'float64' }) };
    const { updates } = clip.update(grads, clip.init(grads));
    const clipped = updates as typeof grads;
    expect(toArray(clipped.a)[0]).toBeCloseTo(0.6, 15);
    expect(toArray(clipped.b)[0]).toBeCloseTo(0.8, 15);
  });

  it('passes grads below the max norm unchanged', () => {
    const clip = clipByGlobalNorm(10);
    const grads = { a: tensor([3, 4], { dtype: 'float64' }) };
    expect(clip.update(grads, clip.init(grads)).updates).toBe(grads);
  });

  it('clip then sgd moves params at most lr times maxNorm', () => {
    const scale = fc.double({ min: 1e-3, max: 1e6, noNaN: true });
    const maxNorm = fc.double({ min: 1e-3, max: 1e3, noNaN: true });
    fc.assert(
      fc.property(treeValues, treeValues, scale, maxNorm, (p, g, s, limit) => {
        const learningRate = 0.1;
        const optimizer = chain(clipByGlobalNorm(limit), sgd({ learningRate }));
        const params = paramsTree(p);
        const grads = paramsTree(g.map((value) => value * s));
        const { updates } = optimizer.update(grads, optimizer.init(params), params);
        const before = flatValues(params);
        const next = flatValues(applyUpdates(params, updates));
        const moved = norm(next.map((value, i) => value - (before[i] as number)));
        const bound = learningRate * limit * (1 + 1e-12);

        // Rescaling and the norm round in float64, far below 1e-12 relative, so the updates
        // themselves obey the bound as stated.
        expect(norm(flatValues(updates))).toBeLessThanOrEqual(bound);

        // Storing p + u rounds each param by up to half an ulp of it, which no optimizer can
        // avoid, so the measured movement may exceed the bound by that much.
        const rounding = norm(before.map((value) => Number.EPSILON * Math.abs(value)));
        expect(moved).toBeLessThanOrEqual(bound + rounding);
      }),
    );
  });
});

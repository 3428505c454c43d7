import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Tree } from '@puregrad/tensor';
import {
  adam,
  adamw,
  applyUpdates,
  chain,
  clipByGlobalNorm,
  cosineDecaySchedule,
  sgd,
  type GradientTransformation,
} from '@puregrad/optim';
import { flatValues, paramsTree, snapshot, structureOf, treeValues } from './helpers.js';

// One suite of laws, run over every optimizer the package builds.
const optimizers: ReadonlyArray<[string, () => GradientTransformation]> = [
  ['sgd', () => sgd({ learningRate: 0.1 })],
  ['sgd momentum', () => sgd({ learningRate: 0.1, momentum: 0.9 })],
  ['sgd nesterov', () => sgd({ learningRate: 0.1, momentum: 0.9, nesterov: true })],
  ['adam', () => adam({ learningRate: 0.01 })],
  ['adamw', () => adamw({ learningRate: 0.01, weightDecay: 0.1 })],
  [
    'adam cosine',
    () => adam({ learningRate: cosineDecaySchedule({ initialValue: 0.1, decaySteps: 3 }) }),
  ],
  ['clip then adam', () => chain(clipByGlobalNorm(1), adam())],
];

const step = (optimizer: GradientTransformation, params: Tree, grads: Tree, optState: Tree) =>
  optimizer.update(grads, optState, params);

describe.each(optimizers)('%s contract', (_name, build) => {
  it('state structure stays the same across steps', () => {
    fc.assert(
      fc.property(treeValues, treeValues, (p, g) => {
        const optimizer = build();
        const params = paramsTree(p);
        const grads = paramsTree(g);
        let optState = optimizer.init(params);
        const initial = structureOf(optState);
        for (let i = 0; i < 3; i++) {
          optState = step(optimizer, params, grads, optState).optState;
          expect(structureOf(optState)).toEqual(initial);
        }
      }),
      { numRuns: 20 },
    );
  });

  it('updates keep the param dtype', () => {
    for (const dtype of ['float32', 'float64'] as const) {
      const optimizer = build();
      const params = paramsTree([1, 2, 3], dtype);
      const { updates } = step(
        optimizer,
        params,
        paramsTree([0.5, -1], dtype),
        optimizer.init(params),
      );
      expect(structureOf(updates)).toEqual(structureOf(params));
      expect(structureOf(applyUpdates(params, updates))).toEqual(structureOf(params));
    }
  });

  it('update is pure', () => {
    fc.assert(
      fc.property(treeValues, treeValues, (p, g) => {
        const optimizer = build();
        const params = paramsTree(p);
        const grads = paramsTree(g);
        const optState = step(optimizer, params, grads, optimizer.init(params)).optState;
        const before = [snapshot(params), snapshot(grads), snapshot(optState)];

        const first = step(optimizer, params, grads, optState);
        const second = step(optimizer, params, grads, optState);

        expect([snapshot(params), snapshot(grads), snapshot(optState)]).toEqual(before);
        expect(flatValues(second.updates)).toEqual(flatValues(first.updates));
        expect(snapshot(second.optState)).toEqual(snapshot(first.optState));
      }),
      { numRuns: 20 },
    );
  });
});

describe('zero gradients from the init state', () => {
  const zeroGrads = paramsTree([0]);

  it.each([
    ['sgd', () => sgd({ learningRate: 0.1 })],
    ['sgd momentum', () => sgd({ learningRate: 0.1, momentum: 0.9 })],
    ['adam', () => adam({ learningRate: 0.1 })],
  ] as const)('%s leaves params unchanged', (_name, build) => {
    fc.assert(
      fc.property(treeValues, (p) => {
        const optimizer = build();
        const params = paramsTree(p);
        const { updates } = step(optimizer, params, zeroGrads, optimizer.init(params));
        expect(flatValues(applyUpdates(params, updates))).toEqual(flatValues(params));
      }),
    );
  });

  it('adamw only decays params', () => {
    fc.assert(
      fc.property(treeValues, (p) => {
        const optimizer = adamw({ learningRate: 0.1, weightDecay: 0.2 });
        const params = paramsTree(p);
        const { updates } = step(optimizer, params, zeroGrads, optimizer.init(params));
        const next = flatValues(applyUpdates(params, updates));

        // p − lr·λ·p against p·(1 − lr·λ): the same real number, apart by one rounding of p.
        flatValues(params).forEach((value, i) => {
          expect(Math.abs((next[i] as number) - value * (1 - 0.02))).toBeLessThanOrEqual(
            4 * Number.EPSILON * Math.max(1, Math.abs(value)),
          );
        });
      }),
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cast,
  DTypeError,
  InvalidArgumentError,
  tensor,
  toArray,
  type Tensor,
  type Tree,
} from '@puregrad/tensor';
import {
  adam,
  adamw,
  applyUpdates,
  chain,
  clipByGlobalNorm,
  constantSchedule,
  optimizerFromConfig,
  sgd,
  type GradientTransformation,
  type Schedule,
} from '@puregrad/optim';
import { paramsTree, treeValues } from './helpers.js';

// The checks that update and applyUpdates run on what they receive: leaf dtypes, the optimizer
// state's layout and the learning rate a schedule returns at each step.

const optimizers: ReadonlyArray<[string, () => GradientTransformation]> = [
  ['sgd', () => sgd({ learningRate: 0.1 })],
  ['sgd with momentum', () => sgd({ learningRate: 0.1, momentum: 0.9 })],
  ['nesterov', () => sgd({ learningRate: 0.1, momentum: 0.9, nesterov: true })],
  ['adam', () => adam({ learningRate: 0.1 })],
  ['adamw', () => adamw({ learningRate: 0.1 })],
  ['clip then adam', () => chain(clipByGlobalNorm(1), adam({ learningRate: 0.1 }))],
];

/** Returns the tree with the leaf at `path` (record keys and array indices) replaced. */
function replaceLeaf(tree: Tree, path: readonly (string | number)[], leaf: Tensor): Tree {
  const [head, ...rest] = path;
  if (head === undefined) return leaf;
  const children = tree as Record<string | number, Tree>;
  const child = replaceLeaf(children[head] as Tree, rest, leaf);
  if (Array.isArray(tree)) return tree.map((item, i) => (i === head ? child : item));
  return { ...children, [head]: child };
}

const leafPaths: ReadonlyArray<[readonly (string | number)[], string]> = [
  [[0, 'weight'], '0.weight'],
  [[0, 'bias'], '0.bias'],
  [[1, 'gamma'], '1.gamma'],
];

describe('leaf dtype checks', () => {
  it('int32 grads are rejected', () => {
    const params = { w: tensor([1, 2]) };
    const grads = { w: tensor([3, -3], { dtype: 'int32' }) };
    for (const [, make] of optimizers) {
      const optimizer = make();
      expect(() => optimizer.update(grads, optimizer.init(params), params)).toThrow(DTypeError);
      expect(() => optimizer.update(grads, optimizer.init(params), params)).toThrow(/int32 at w/);
    }
  });

  it('mixed dtypes are rejected', () => {
    fc.assert(
      fc.property(
        treeValues,
        fc.constantFrom(...optimizers),
        fc.constantFrom(...leafPaths),
        fc.constantFrom('float32', 'int32') as fc.Arbitrary<'float32' | 'int32'>,
        (values, [, make], [path, dotted], dtype) => {
          const params = paramsTree(values, 'float64');
          const leaf = leafAt(params, path);
          const grads = replaceLeaf(params, path, cast(leaf, dtype));
          const optimizer = make();
          const call = () => optimizer.update(grads, optimizer.init(params), params);
          expect(call).toThrow(DTypeError);
          expect(call).toThrow(new RegExp(`${dtype}.* at ${dotted.replace('.', '\\.')}`));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('state dtype checked without params', () => {
    const params = { w: tensor([1, 2]) };
    const grads = { w: tensor([0.1, 0.2], { dtype: 'float64' }) };
    const optimizer = adam({ learningRate: 0.1 });
    expect(() => optimizer.update(grads, optimizer.init(params))).toThrow(
      /float64 and float32 at w|float32 and float64 at w/,
    );
  });

  it('applyUpdates rejects int32 and mixed', () => {
    const params = { w: tensor([1, 2]) };
    expect(() => applyUpdates(params, { w: tensor([1, 1], { dtype: 'int32' }) })).toThrow(
      /applyUpdates: .*got float32 and int32 at w/,
    );
    const integers = { w: tensor([1, 2], { dtype: 'int32' }) };
    expect(() => applyUpdates(integers, integers)).toThrow(
      /applyUpdates: every leaf must be float32 or float64 \(got int32 at w\)/,
    );
    expect(() => applyUpdates(params, { w: tensor([1e-9, 1e-9], { dtype: 'float64' }) })).toThrow(
      /applyUpdates: .*got float32 and float64 at w/,
    );
  });

  it('matching dtypes still update', () => {
    const params = { w: tensor([1, 2]) };
    const optimizer = sgd({ learningRate: 0.5 });
    const { updates } = optimizer.update({ w: tensor([2, -2]) }, optimizer.init(params), params);
    expect(toArray(applyUpdates(params, updates).w as Tensor)).toEqual([0, 3]);
  });
});

function leafAt(tree: Tree, path: readonly (string | number)[]): Tensor {
  let node: Tree = tree;
  for (const part of path) node = (node as Record<string | number, Tree>)[part] as Tree;
  return node as Tensor;
}

describe('optimizer state checks', () => {
  const params = { w: tensor([1, 2]) };
  const grads = { w: tensor([0.5, -0.5]) };

  it('adam given the state of sgd with momentum', () => {
    const state = sgd({ learningRate: 0.1, momentum: 0.9 }).init(params);
    const call = () => adam().update(grads, state as never, params);
    expect(call).toThrow(InvalidArgumentError);
    expect(call).toThrow(/adam: optState must be a record with count, mu, nu .*got an array of 2/);
  });

  it('sgd with momentum given the state of adam', () => {
    const state = adam().init(params);
    const call = () => sgd({ learningRate: 0.1, momentum: 0.9 }).update(grads, state, params);
    expect(call).toThrow(InvalidArgumentError);
    expect(call).toThrow(/optState must be an array of 2 states/);
  });

  it('plain sgd given a state without a count', () => {
    const call = () => sgd({ learningRate: 0.1 }).update(grads, {}, params);
    expect(call).toThrow(/sgd: optState must be a record with count/);
  });
});

describe('learning-rate functions', () => {
  it('sgd without options rejected', () => {
    const call = () => (sgd as unknown as () => unknown)();
    expect(call).toThrow(InvalidArgumentError);
    expect(call).toThrow(/sgd: options must be an object with a learningRate \(got undefined\)/);
  });

  it('plain function rejected at construction', () => {
    const plain = (() => 0.1) as unknown as Schedule;
    for (const make of [() => adam({ learningRate: plain }), () => sgd({ learningRate: plain })]) {
      expect(make).toThrow(InvalidArgumentError);
      expect(make).toThrow(/learningRate function must be a schedule with a valid config/);
    }
  });

  it('function with a bad config rejected', () => {
    const bad = Object.assign(() => 0.1, {
      config: { kind: 'exponential' },
    }) as unknown as Schedule;
    expect(() => adam({ learningRate: bad })).toThrow(/\{"kind":"exponential"\}/);
  });

  it('bad rate names its step', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 5 }),
        fc.constantFrom(-1, Number.NaN, Infinity),
        (badStep, badValue) => {
          // A custom schedule with a valid config whose values leave [0, ∞) at one step.
          const schedule = Object.assign((step: number) => (step === badStep ? badValue : 0.1), {
            config: constantSchedule(0.1).config,
          });
          const params = { w: tensor([1, 2]) };
          const optimizer = sgd({ learningRate: schedule });
          let optState = optimizer.init(params);
          for (let step = 0; step < badStep; step++) {
            optState = optimizer.update({ w: tensor([1, 1]) }, optState, params).optState;
          }
          expect(() => optimizer.update({ w: tensor([1, 1]) }, optState, params)).toThrow(
            `sgd: the learning rate at step ${badStep} must be a finite number ≥ 0 (got ${badValue})`,
          );
        },
      ),
      { numRuns: 30 },
    );
  });

  it('config without a rate rejected', () => {
    for (const kind of ['adam', 'adamw', 'scaleByAdam']) {
      expect(() => optimizerFromConfig({ kind })).toThrow(
        new RegExp(`optimizerFromConfig: learningRate must be given in a ${kind} config`),
      );
    }
  });

  it('rebuilt optimizer keeps the rate', () => {
    for (const [, make] of optimizers) {
      const config = make().config;
      expect(optimizerFromConfig(JSON.parse(JSON.stringify(config))).config).toEqual(config);
    }
  });
});

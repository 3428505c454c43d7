import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { layerKinds, stackArbitrary, tensorArbitrary, type StackCase } from '@puregrad/check';
import { layerFromConfig, type Context, type Layer, type Mode } from '@puregrad/nn';
import { treeLeavesWithPaths, type FloatTensor, type Tree } from '@puregrad/tensor';

const RUNS = 25;

/** Copies every leaf of the trees into plain arrays, keyed by path, to compare later. */
function snapshot(trees: { readonly [root: string]: Tree }): Record<string, number[]> {
  const copy: Record<string, number[]> = {};
  for (const [root, tree] of Object.entries(trees)) {
    for (const [path, leaf] of treeLeavesWithPaths(tree))
      copy[`${root}${path}`] = Array.from(leaf.data);
  }
  return copy;
}

/** Generates a case together with an output gradient dy shaped like the layer's output. */
function withOutputGrad(stacks: fc.Arbitrary<LayerCase>) {
  return stacks.chain((stack) => {
    const { y } = stack.layer.apply(stack.params, stack.state, stack.input, { mode: stack.mode });
    return tensorArbitrary({ shape: y.shape, min: -1, max: 1 }).map((dy) => ({ stack, dy }));
  });
}

/** Generates an unrelated input of the case's shape, for the later applies. */
function otherInput(stack: LayerCase): FloatTensor {
  return fc.sample(tensorArbitrary({ shape: stack.input.shape, min: -3, max: 3 }), 1)[0]!;
}

/** A layer at one point, as the laws need it. */
interface LayerCase {
  readonly layer: Layer;
  readonly params: Tree;
  readonly state: Tree;
  readonly input: FloatTensor;
  readonly mode: Mode;
}

/** Replaces a one-layer stack by its only child, with that child's params and state. */
function unwrap(stack: StackCase): LayerCase {
  const { input, mode } = stack;
  return {
    layer: layerFromConfig(stack.configs[0]!),
    params: stack.params[0]!,
    state: stack.state[0]!,
    input,
    mode,
  };
}

function asLayerCase(stack: StackCase): LayerCase {
  return { ...stack, layer: stack.layer as Layer };
}

/** The laws every layer must keep; each runs over one arbitrary of cases. */
function layerLaws(cases: () => fc.Arbitrary<LayerCase>): void {
  it('apply leaves its arguments unchanged', () => {
    fc.assert(
      fc.property(cases(), (stack) => {
        const before = snapshot({ params: stack.params, state: stack.state, input: stack.input });
        stack.layer.apply(stack.params, stack.state, stack.input, { mode: stack.mode });

        expect(snapshot({ params: stack.params, state: stack.state, input: stack.input })).toEqual(
          before,
        );
      }),
      { numRuns: RUNS },
    );
  });

  it('backward leaves dy and the arguments unchanged', () => {
    fc.assert(
      fc.property(withOutputGrad(cases()), ({ stack, dy }) => {
        const applied = stack.layer.apply(stack.params, stack.state, stack.input, {
          mode: stack.mode,
        });
        const trees = { params: stack.params, state: stack.state, input: stack.input, dy };
        const before = snapshot(trees);
        applied.backward(dy);

        expect(snapshot(trees)).toEqual(before);
      }),
      { numRuns: RUNS },
    );
  });

  it('old backward returns its first result', () => {
    fc.assert(
      fc.property(withOutputGrad(cases()), ({ stack, dy }) => {
        const ctx: Context = { mode: stack.mode };
        const applied = stack.layer.apply(stack.params, stack.state, stack.input, ctx);
        const first = snapshot(applied.backward(dy) as unknown as { [root: string]: Tree });

        // Later applies, on the next state and another input, must not disturb the closure.
        const later = stack.layer.apply(stack.params, applied.state, otherInput(stack), ctx);
        later.backward(dy);
        const again = snapshot(applied.backward(dy) as unknown as { [root: string]: Tree });

        expect(again).toEqual(first);
      }),
      { numRuns: RUNS },
    );
  });

  it('infer returns the given state', () => {
    fc.assert(
      fc.property(cases(), (stack) => {
        const applied = stack.layer.apply(stack.params, stack.state, stack.input, {
          mode: 'infer',
        });

        expect(applied.state).toBe(stack.state);
      }),
      { numRuns: RUNS },
    );
  });

  it('apply is deterministic', () => {
    fc.assert(
      fc.property(cases(), (stack) => {
        const ctx: Context = { mode: stack.mode };
        const first = stack.layer.apply(stack.params, stack.state, stack.input, ctx);
        const second = stack.layer.apply(stack.params, stack.state, stack.input, ctx);

        expect(Array.from(second.y.data)).toEqual(Array.from(first.y.data));
        expect(snapshot({ state: second.state })).toEqual(snapshot({ state: first.state }));
      }),
      { numRuns: RUNS },
    );
  });
}

describe('layer laws', () => {
  describe.each(layerKinds.map((kind) => [kind]))('%s', (kind) => {
    // The generated one-layer sequential is unwrapped, so the laws see the layer itself.
    layerLaws(() => stackArbitrary({ kinds: [kind], maxLayers: 1, kinkMargin: 0 }).map(unwrap));
  });

  describe('sequential of up to four', () => {
    layerLaws(() => stackArbitrary({ minLayers: 2, maxLayers: 4, kinkMargin: 0 }).map(asLayerCase));
  });
});

import { describe, expect, it } from 'vitest';
import type { Tensor, Tree } from '@puregrad/tensor';
import { buildFixtureNetwork, float64 } from './helpers/fixtureNetwork.js';
import {
  findMismatch,
  formatMismatch,
  loadFixtures,
  type Fixture,
  type Matrix,
  type Vector,
} from './helpers/fixtures.js';

// The five PyTorch fixtures in test/fixtures; fewer means one was lost or renamed.
const EXPECTED_FIXTURES = 5;
const fixtures = loadFixtures();

/** Everything one training step produces, in the shape the replay compares. */
interface StepResult {
  readonly loss: number;
  readonly output: Tensor;
  readonly inputGrad: Tensor;
  readonly grads: readonly Tree[];
  readonly state: readonly Tree[];
}

/** Runs the first batch through the initial network: train apply, loss, backward. */
function replayFirstStep(fixture: Fixture): StepResult {
  const network = buildFixtureNetwork(fixture);
  const batch = fixture.batches[0]!;
  const input = float64(batch.input);
  const targets = float64(batch.target);

  const applied = network.layer.apply(network.params, network.state, input, { mode: 'train' });
  const { value, grad } = network.loss.valueAndGradient(applied.y, targets);
  const { dx, grads } = applied.backward(grad);
  return { loss: value, output: applied.y, inputGrad: dx, grads, state: applied.state };
}

/**
 * Fails with the fixture, step (from 1), layer (from 1) and element (from 0) of the first
 * element outside `|actual − expected| ≤ tolerance · max(1, |expected|)`.
 */
function expectMatch(
  fixture: Fixture,
  label: string,
  actual: Tensor | number,
  expected: Vector | Matrix | number,
): void {
  const values = typeof actual === 'number' ? [actual] : actual.data;
  const mismatch = findMismatch(values, expected, fixture.tolerance);
  expect(mismatch === null ? '' : formatMismatch(fixture, 1, label, mismatch)).toBe('');
}

function leaf(tree: Tree | undefined, name: string): Tensor {
  return (tree as { readonly [name: string]: Tensor })[name] as Tensor;
}

describe('fixture replay, first step', () => {
  it('finds every fixture', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(EXPECTED_FIXTURES);
  });

  describe.each(fixtures.map((fixture) => [fixture.name, fixture] as const))('%s', (_, fixture) => {
    const step = fixture.expected.steps[0]!;

    it('matches the output and loss', () => {
      const result = replayFirstStep(fixture);

      expectMatch(fixture, 'output', result.output, step.output);
      expectMatch(fixture, 'loss', result.loss, step.loss);
    });

    it('matches the input gradient', () => {
      expectMatch(
        fixture,
        'input gradient',
        replayFirstStep(fixture).inputGrad,
        step.gradients.input,
      );
    });

    it('matches every param gradient', () => {
      const result = replayFirstStep(fixture);
      step.gradients.layers.forEach((expected, i) => {
        for (const [name, values] of Object.entries(expected)) {
          const label = `layer ${i + 1}, ${name} gradient`;
          expectMatch(fixture, label, leaf(result.grads[i], name), values as Vector | Matrix);
        }
      });
    });

    it('matches the running statistics', () => {
      const result = replayFirstStep(fixture);
      step.after.layers.forEach((expected, i) => {
        if (fixture.layers[i]?.batchNorm === null) return;
        for (const name of ['runningMean', 'runningVariance'] as const) {
          const label = `layer ${i + 1}, ${name}`;
          expectMatch(fixture, label, leaf(result.state[i], name), expected[name] ?? []);
        }
      });
    });
  });
});

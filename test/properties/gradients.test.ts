import fc from 'fast-check';
import { describe, it } from 'vitest';
import {
  activationNames,
  assertGradients,
  layerKinds,
  stackArbitrary,
  tensorArbitrary,
  type StackArbitraryOptions,
  type StackCase,
} from '@puregrad/check';
import { meanSquaredError, softmaxCrossEntropy } from '@puregrad/nn';
import {
  classificationCaseArbitrary,
  labelsCaseArbitrary,
  probabilityRowsArbitrary,
  regressionCaseArbitrary,
} from './lossArbitraries.js';

// Every check runs at its default tolerance 1e-6 and step 1e-6. With these run counts the file
// took about 5 s on a shared two-core machine, and each kind, activation and mode is drawn often.
const SINGLE_RUNS = 25;
const STACK_RUNS = 60;

/** Pairs each stack with targets shaped like its output `[batch, outputs]`. */
function withTargets<T>(
  stacks: fc.Arbitrary<StackCase>,
  targetsOf: (shape: readonly number[]) => fc.Arbitrary<T>,
): fc.Arbitrary<{ stack: StackCase; targets: T }> {
  return stacks.chain((stack) => {
    const output = stack.layer.apply(stack.params, stack.state, stack.input, { mode: stack.mode });
    return targetsOf(output.y.shape).map((targets) => ({ stack, targets }));
  });
}

/** Asserts the gradient property over stacks that keep every relu input away from its kink. */
function expectGradientsMatch(options: StackArbitraryOptions, numRuns: number): void {
  fc.assert(
    fc.property(stackArbitrary(options), (stack) => {
      assertGradients(stack, { rejectKinks: true });
    }),
    { numRuns },
  );
}

describe('layer gradients', () => {
  describe.each(activationNames.map((name) => [name]))('activation %s', (name) => {
    it('matches alone', () => {
      expectGradientsMatch(
        { kinds: ['activation'], activations: [name], maxLayers: 1 },
        SINGLE_RUNS,
      );
    });

    it('matches inside dense with batch norm', () => {
      const options = {
        kinds: ['dense'] as const,
        activations: [name],
        batchNorm: true,
        maxLayers: 1,
      };
      expectGradientsMatch(options, SINGLE_RUNS);
    });

    it('matches inside dense without batch norm', () => {
      const options = {
        kinds: ['dense'] as const,
        activations: [name],
        batchNorm: false,
        maxLayers: 1,
      };
      expectGradientsMatch(options, SINGLE_RUNS);
    });
  });

  describe.each(layerKinds.map((kind) => [kind]))('layer %s', (kind) => {
    it('matches in train mode', () => {
      expectGradientsMatch({ kinds: [kind], maxLayers: 1, modes: ['train'] }, SINGLE_RUNS);
    });

    it('matches in infer mode', () => {
      expectGradientsMatch({ kinds: [kind], maxLayers: 1, modes: ['infer'] }, SINGLE_RUNS);
    });
  });

  it('matches for stacks of up to four', () => {
    expectGradientsMatch({ minLayers: 2, maxLayers: 4 }, STACK_RUNS);
  });
});

describe('loss gradients', () => {
  it('match for mse', () => {
    fc.assert(
      fc.property(regressionCaseArbitrary(), ({ predictions, targets }) => {
        assertGradients({ loss: meanSquaredError, predictions, targets });
      }),
    );
  });

  it('match for cross-entropy rows', () => {
    fc.assert(
      fc.property(classificationCaseArbitrary(), ({ predictions, targets }) => {
        assertGradients({ loss: softmaxCrossEntropy, predictions, targets });
      }),
    );
  });

  it('match for cross-entropy labels', () => {
    fc.assert(
      fc.property(labelsCaseArbitrary(), ({ predictions, targets }) => {
        assertGradients({ loss: softmaxCrossEntropy, predictions, targets });
      }),
    );
  });

  it('match through a stack and mse', () => {
    const cases = withTargets(stackArbitrary({ maxLayers: 3 }), (shape) =>
      tensorArbitrary({ shape, min: -3, max: 3 }),
    );
    fc.assert(
      fc.property(cases, ({ stack, targets }) => {
        assertGradients({ ...stack, loss: meanSquaredError, targets }, { rejectKinks: true });
      }),
      { numRuns: STACK_RUNS },
    );
  });

  it('match through a stack and cross-entropy', () => {
    const cases = withTargets(stackArbitrary({ maxLayers: 3 }), ([batch, classes]) =>
      probabilityRowsArbitrary(batch as number, classes as number),
    );
    fc.assert(
      fc.property(cases, ({ stack, targets }) => {
        assertGradients({ ...stack, loss: softmaxCrossEntropy, targets }, { rejectKinks: true });
      }),
      { numRuns: STACK_RUNS },
    );
  });
});

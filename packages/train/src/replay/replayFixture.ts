import { dense, meanSquaredError, softmaxCrossEntropy } from '@puregrad/nn';
import { applyUpdates, optimizerFromConfig } from '@puregrad/optim';
import { tensor, type FloatTensor, type Tensor, type Tree } from '@puregrad/tensor';
import { network, type Network } from '../network.js';
import type { Fixture, FixtureLayerValues, Matrix, Vector } from './fixture.js';

/** A number of a replay that misses its expected value by more than the fixture's tolerance. */
export interface FixtureMismatch {
  /** The number's location, e.g. `step 2, layer 1, gamma[3]`: steps and layers from 1, elements from 0. */
  readonly location: string;
  readonly expected: number;
  /** NaN when the library produced fewer elements than expected. */
  readonly actual: number;
  /** `|actual − expected| / (tolerance · max(1, |expected|))`; above 1 is a mismatch. */
  readonly ratio: number;
}

/** The result of replaying a fixture. */
export interface ReplayReport {
  readonly name: string;
  readonly tolerance: number;
  /** How many numbers were compared. */
  readonly compared: number;
  /** Every number beyond tolerance, in replay order. */
  readonly mismatches: readonly FixtureMismatch[];
  /** The mismatch with the largest ratio, or undefined when every number matched. */
  readonly worst?: FixtureMismatch;
}

/** Collects comparisons of one replay. */
class Comparison {
  compared = 0;
  readonly mismatches: FixtureMismatch[] = [];

  constructor(private readonly tolerance: number) {}

  check(location: string, actual: ArrayLike<number>, expected: readonly number[]): void {
    const count = Math.max(actual.length, expected.length);
    for (let i = 0; i < count; i++) {
      const want = expected[i] ?? Number.NaN;
      const got = i < actual.length ? (actual[i] as number) : Number.NaN;
      const ratio = Math.abs(got - want) / (this.tolerance * Math.max(1, Math.abs(want)));
      this.compared++;
      // A NaN ratio (a missing or NaN element) is a mismatch, too.
      if (!(ratio <= 1)) {
        const where = expected.length === 1 && actual.length === 1 ? '' : `[${i}]`;
        this.mismatches.push({
          location: `${location}${where}`,
          expected: want,
          actual: got,
          ratio,
        });
      }
    }
  }
}

/** Builds the fixture's network with the library: dense layers, its loss, its optimizer. */
export function fixtureNetwork(fixture: Fixture): Network {
  const layers = fixture.layers.map((layer) =>
    dense({
      units: layer.units,
      activation: layer.activation,
      batchNorm: layer.batchNorm === null ? false : { ...layer.batchNorm },
    }),
  );
  return network({
    inputShape: [fixture.layers[0]!.inputs],
    layers,
    loss: fixture.loss === 'mse' ? meanSquaredError : softmaxCrossEntropy,
    optimizer: optimizerFromConfig(fixture.optimizer),
  });
}

/**
 * Replays a parsed fixture through the library and compares every number it lists: for each
 * batch the training-mode loss, output, input gradient and layer grads, then every param and
 * running statistic after the optimizer step, and finally the inference pass. A number matches
 * when `|actual − expected| ≤ tolerance · max(1, |expected|)`.
 *
 * @example
 * const report = replayFixture(fixture);
 * if (report.worst) console.log(report.worst.location);
 */
export function replayFixture(fixture: Fixture): ReplayReport {
  const net = fixtureNetwork(fixture);
  const toTensor = (values: Vector | Matrix): FloatTensor =>
    tensor(values as number[] | number[][], { dtype: fixture.dtype }) as FloatTensor;
  const comparison = new Comparison(fixture.tolerance);
  let params: readonly Tree[] = fixture.initial.layers.map((values) => paramsOf(values, toTensor));
  let state: readonly Tree[] = fixture.initial.layers.map((values) => stateOf(values, toTensor));
  let optState = net.optimizer.init(params);

  fixture.batches.forEach((batch, i) => {
    const expected = fixture.expected.steps[i]!;
    const at = `step ${i + 1}`;
    const applied = net.forward(params, state, toTensor(batch.input));
    const { loss, grads, dx } = net.backward(applied, toTensor(batch.target));
    comparison.check(`${at}, loss`, [loss], [expected.loss]);
    comparison.check(`${at}, output`, applied.y.data, expected.output.flat());
    comparison.check(`${at}, input gradient`, dx.data, expected.gradients.input.flat());
    expected.gradients.layers.forEach((layerGrads, j) => {
      compareLayer(comparison, `${at}, layer ${j + 1}`, ' gradient', grads[j]!, layerGrads);
    });

    const result = net.optimizer.update(grads, optState, params);
    params = applyUpdates(params, result.updates);
    optState = result.optState;
    state = applied.state;
    expected.after.layers.forEach((values, j) => {
      const actual = { ...(params[j] as object), ...(state[j] as object) } as Tree;
      compareLayer(comparison, `${at}, layer ${j + 1}`, '', actual, values);
    });
  });

  const { input, output } = fixture.expected.inference;
  comparison.check(
    'inference, output',
    net.infer(params, state, toTensor(input)).data,
    output.flat(),
  );
  return report(fixture, comparison);
}

function compareLayer(
  comparison: Comparison,
  at: string,
  suffix: string,
  actual: Tree,
  expected: FixtureLayerValues,
): void {
  for (const [name, values] of Object.entries(expected)) {
    const leaf = (actual as Record<string, Tensor | undefined>)[name];
    comparison.check(
      `${at}, ${name}${suffix}`,
      leaf?.data ?? [],
      (values as Vector | Matrix).flat(),
    );
  }
}

function paramsOf(values: FixtureLayerValues, toTensor: (v: Vector | Matrix) => FloatTensor): Tree {
  const linear = { weight: toTensor(values.weight), bias: toTensor(values.bias) };
  if (values.gamma === undefined || values.beta === undefined) return linear;
  return { gamma: toTensor(values.gamma), beta: toTensor(values.beta), ...linear };
}

function stateOf(values: FixtureLayerValues, toTensor: (v: Vector | Matrix) => FloatTensor): Tree {
  if (values.runningMean === undefined || values.runningVariance === undefined) return {};
  return {
    runningMean: toTensor(values.runningMean),
    runningVariance: toTensor(values.runningVariance),
  };
}

function report(fixture: Fixture, comparison: Comparison): ReplayReport {
  const { mismatches, compared } = comparison;
  const worst = mismatches.reduce<FixtureMismatch | undefined>(
    (best, mismatch) => (best === undefined || !(mismatch.ratio <= best.ratio) ? mismatch : best),
    undefined,
  );
  const base = { name: fixture.name, tolerance: fixture.tolerance, compared, mismatches };
  return worst === undefined ? base : { ...base, worst };
}

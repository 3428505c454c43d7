import {
  dense,
  meanSquaredError,
  sequential,
  softmaxCrossEntropy,
  type ActivationSpec,
  type Layer,
  type Loss,
} from '@puregrad/nn';
import { tensor, type Float64Tensor, type Tree } from '@puregrad/tensor';
import type { Fixture, FixtureLayerValues, Matrix, Vector } from './fixtures.js';

/** A fixture's network rebuilt with puregrad: the stack, its loss and the initial params and state. */
export interface FixtureNetwork {
  readonly layer: Layer<readonly Tree[], readonly Tree[]>;
  readonly loss: Loss;
  readonly params: readonly Tree[];
  readonly state: readonly Tree[];
}

/** Converts fixture numbers to a float64 tensor, a vector or a row-major matrix. */
export function float64(values: Vector | Matrix): Float64Tensor {
  return tensor(values as number[] | number[][], { dtype: 'float64' });
}

function paramsOf(values: FixtureLayerValues, withBatchNorm: boolean): Tree {
  const linear = { weight: float64(values.weight), bias: float64(values.bias) };
  if (!withBatchNorm) return linear;
  return { gamma: float64(values.gamma ?? []), beta: float64(values.beta ?? []), ...linear };
}

function stateOf(values: FixtureLayerValues, withBatchNorm: boolean): Tree {
  if (!withBatchNorm) return {};
  return {
    runningMean: float64(values.runningMean ?? []),
    runningVariance: float64(values.runningVariance ?? []),
  };
}

/**
 * Builds the fixture's layers as a sequential of dense layers with the fixture's activation and
 * batch-norm settings, and loads params and running statistics from `initial`.
 */
export function buildFixtureNetwork(fixture: Fixture): FixtureNetwork {
  const layers = fixture.layers.map((spec) =>
    dense({
      units: spec.units,
      activation: spec.activation as ActivationSpec,
      batchNorm: spec.batchNorm === null ? false : { ...spec.batchNorm },
    }),
  );
  const params = fixture.initial.layers.map((values, i) =>
    paramsOf(values, fixture.layers[i]?.batchNorm !== null),
  );
  const state = fixture.initial.layers.map((values, i) =>
    stateOf(values, fixture.layers[i]?.batchNorm !== null),
  );
  const loss = fixture.loss === 'mse' ? meanSquaredError : softmaxCrossEntropy;
  return { layer: sequential(...(layers as Layer[])), loss, params, state };
}

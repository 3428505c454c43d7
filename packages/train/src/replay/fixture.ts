import type { OptimizerConfig } from '@puregrad/optim';

/** A vector of a fixture, as its JSON stores it. */
export type Vector = readonly number[];
/** A row-major matrix of a fixture, as its JSON stores it. */
export type Matrix = readonly Vector[];

/** A layer of a fixture: optional batch normalization of its input, `z = W x + b`, activation. */
export interface FixtureLayer {
  readonly inputs: number;
  readonly units: number;
  readonly activation: 'relu' | 'sigmoid' | 'identity' | 'tanh' | 'leakyRelu';
  readonly batchNorm: { readonly momentum: number; readonly epsilon: number } | null;
}

/** A layer's grads: gamma and beta only where the layer normalizes its input. */
export interface FixtureLayerGrads {
  /** `[units][inputs]`. */
  readonly weight: Matrix;
  /** `[units]`. */
  readonly bias: Vector;
  /** `[inputs]`, like beta. */
  readonly gamma?: Vector;
  readonly beta?: Vector;
}

/** A layer's params and running statistics `[inputs]`, before the first step or after a step. */
export interface FixtureLayerValues extends FixtureLayerGrads {
  readonly runningMean?: Vector;
  readonly runningVariance?: Vector;
}

/** What one training step must produce. */
export interface FixtureStep {
  readonly loss: number;
  /** The training-mode output `[batch][outputs]`. */
  readonly output: Matrix;
  /** The input gradient `[batch][inputs]` and the grads of every layer. */
  readonly gradients: { readonly input: Matrix; readonly layers: readonly FixtureLayerGrads[] };
  readonly after: { readonly layers: readonly FixtureLayerValues[] };
}

/** A reference fixture: a small network, its batches and every number a replay must reproduce. */
export interface Fixture {
  readonly name: string;
  readonly description: string;
  readonly dtype: 'float32' | 'float64';
  /** Relative tolerance: `|actual − expected| ≤ tolerance · max(1, |expected|)`. */
  readonly tolerance: number;
  readonly layers: readonly FixtureLayer[];
  readonly loss: 'mse' | 'softmax-cross-entropy';
  readonly optimizer: OptimizerConfig;
  readonly initial: { readonly layers: readonly FixtureLayerValues[] };
  readonly batches: readonly { readonly input: Matrix; readonly target: Matrix }[];
  readonly expected: {
    readonly steps: readonly FixtureStep[];
    readonly inference: { readonly input: Matrix; readonly output: Matrix };
  };
}

export {
  network,
  type Batch,
  type BackwardResult,
  type Network,
  type NetworkConfig,
  type NetworkOptions,
  type NetworkValues,
  type TrainStep,
} from './network.js';
export type { LayerSummary } from './summary.js';
export { NonFiniteLossError, type TrainingPosition } from './nonFiniteLossError.js';
export { batchRanges, type BatchRange, type LastBatch } from './batches.js';
export { countCorrect, predictedClasses, trueClasses } from './metrics.js';
export { evaluate, type EvaluateOptions, type Evaluation } from './evaluate.js';
export type {
  BatchEvent,
  Callback,
  CallbackResult,
  EpochEvent,
  EpochRecord,
  Metric,
} from './callback.js';
export {
  earlyStopping,
  type EarlyStoppingOptions,
  type EarlyStoppingState,
} from './earlyStopping.js';
export type { FitOptions } from './fitOptions.js';
export { fit, type FitResult } from './fit.js';
export type {
  Fixture,
  FixtureLayer,
  FixtureLayerGrads,
  FixtureLayerValues,
  FixtureStep,
  Matrix,
  Vector,
} from './replay/fixture.js';
export { parseFixture } from './replay/parseFixture.js';
export {
  fixtureNetwork,
  replayFixture,
  type FixtureMismatch,
  type ReplayReport,
} from './replay/replayFixture.js';
export { verifyFixture, type FixtureOutcome } from './replay/verifyFixture.js';

import type { EpochRecord, NetworkValues } from '@puregrad/train';
import type { Preprocessing } from '../data/runData.js';
import type { InitChoice } from '../commands/train/trainOptions.js';
import type { DatasetSource, OptimizerSettings } from '../commands/train/trainSettings.js';

/** The settings of a run that a resumed run and `evaluate` must repeat exactly. */
export interface RunSettings {
  readonly dataset: DatasetSource;
  readonly limit: number | undefined;
  readonly seed: number;
  readonly validationShare: number;
  readonly hiddenLayers: readonly number[];
  readonly activation: 'relu' | 'sigmoid' | 'identity';
  readonly batchNorm: boolean;
  /** The weight initialization; absent in checkpoints written before the flag existed. */
  readonly init?: InitChoice;
  readonly optimizer: OptimizerSettings;
  readonly batchSize: number;
}

/** The test split's scores that `train` measured when it saved the checkpoint. */
export interface TestScores {
  readonly loss: number;
  readonly accuracy: number;
  readonly count: number;
}

/**
 * The CLI's part of a checkpoint's manifest, beside the tensors. It is enough to rebuild the
 * network, reload the same data split, read new inputs the same way, and resume training.
 */
export interface RunManifest {
  readonly settings: RunSettings;
  readonly classes: readonly string[];
  readonly features: number;
  readonly featureNames?: readonly string[];
  readonly preprocessing: Preprocessing;
  /** The epoch a resumed run starts at, counted from 0: the number of epochs trained. */
  readonly nextEpoch: number;
  readonly history: readonly EpochRecord[];
  /** Wall-clock seconds of each epoch in `history`, kept apart because they vary between runs. */
  readonly epochSeconds: readonly number[];
  readonly test: TestScores;
}

/** A checkpoint as the CLI reads and writes it: the manifest and the network's values. */
export interface SavedRun {
  readonly manifest: RunManifest;
  readonly values: NetworkValues;
}

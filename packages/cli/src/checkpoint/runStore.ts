import { join } from 'node:path';
import { isLeft } from 'fp-ts/lib/Either.js';
import {
  CHECKPOINT_FILES,
  loadCheckpoint,
  saveCheckpoint,
  type CheckpointInfo,
} from '@puregrad/io';
import { formatShape, treeMapWithPath, type Tensor, type Tree } from '@puregrad/tensor';
import type { NetworkValues } from '@puregrad/train';
import { inputError } from '../cliError.js';
import { buildNetwork } from '../commands/train/buildNetwork.js';
import { runKeys } from '../runKeys.js';
import { mismatchedField } from './checkDescription.js';
import { checkRunManifest } from './checkRunManifest.js';
import type { RunManifest, SavedRun } from './runManifest.js';

/**
 * Saves a run with io's `saveCheckpoint`: the tensors in `model.safetensors`, named by tree path,
 * and the run in the manifest's info fields (architecture, loss and optimizer configs, the
 * settings as hyperparameters, dataset, preprocessing, epoch, history, test metrics).
 */
export function saveRun(dir: string, run: SavedRun, options: { overwrite: boolean }): void {
  const { manifest } = run;
  const net = buildNetwork(manifest.settings, manifest.features, manifest.classes.length);
  const info: CheckpointInfo = {
    architecture: net.config.layers,
    loss: net.config.loss,
    optimizer: net.config.optimizer,
    hyperparameters: manifest.settings,
    dataset: {
      classes: manifest.classes,
      features: manifest.features,
      featureNames: manifest.featureNames,
    },
    preprocessing: manifest.preprocessing,
    epoch: manifest.nextEpoch,
    key: runKeys(manifest.settings.seed).fit,
    metrics: { test: manifest.test },
    history: manifest.history,
    epochSeconds: manifest.epochSeconds,
  };
  const { params, state, optState } = run.values;
  const saved = saveCheckpoint(dir, { params, state, optState, info }, options);
  if (isLeft(saved)) throw inputError(`puregrad train: ${saved.left.message}`);
}

/**
 * Loads a checkpoint folder that {@link saveRun} wrote. io's loader checks the files against
 * each other; this also checks that the manifest's architecture, loss, optimizer and epoch agree
 * with its hyperparameters and history, and every tensor's dtype and shape against the network
 * that the manifest describes. Throws an input CliError naming the file and the field for a missing,
 * corrupt or mismatched checkpoint. `givenPath` is the folder as the user gave it, for messages.
 */
export function loadRun(dir: string, givenPath: string, command: string): SavedRun {
  const loaded = loadCheckpoint(dir);
  if (isLeft(loaded)) {
    const problem = loaded.left.message.replaceAll(dir, givenPath);
    throw inputError(
      `puregrad ${command}: ${problem} Give a checkpoint folder that "puregrad train" wrote.`,
    );
  }

  const manifestFile = join(givenPath, CHECKPOINT_FILES.manifest);
  const manifest = runManifest(loaded.right.info, (field, rule) =>
    corrupt(command, manifestFile, `field "${field}" must be ${rule}`),
  );
  const net = buildNetwork(manifest.settings, manifest.features, manifest.classes.length);
  const template = net.init(runKeys(manifest.settings.seed).init);
  const values = checkValues(
    template,
    loaded.right,
    join(givenPath, CHECKPOINT_FILES.tensors),
    command,
  );
  // After the tensor check, so an edit that changes a shape is named by its tensor.
  const edited = mismatchedField(loaded.right.info, net.config);
  if (edited !== undefined) {
    throw inputError(
      `puregrad ${command}: ${manifestFile}: field "${edited}" does not match ` +
        `${edited === 'epoch' ? 'the length of "history"' : 'the network that "hyperparameters" describes'}. ` +
        'The checkpoint was edited or is corrupt; train it again.',
    );
  }
  return { manifest, values };
}

/** Rebuilds the run manifest from the checkpoint's info fields, checking each one. */
function runManifest(
  info: CheckpointInfo,
  fail: (field: string, rule: string) => Error,
): RunManifest {
  const dataset = (info.dataset ?? {}) as Record<string, unknown>;
  const metrics = (info.metrics ?? {}) as Record<string, unknown>;
  const candidate = {
    settings: info.hyperparameters,
    classes: dataset['classes'],
    features: dataset['features'],
    featureNames: dataset['featureNames'],
    preprocessing: info.preprocessing,
    nextEpoch: info.epoch,
    history: info.history,
    epochSeconds: info['epochSeconds'],
    test: metrics['test'],
  };
  return checkRunManifest(candidate, (field, rule) => fail(infoField(field), rule));
}

/** Maps a run manifest field to the checkpoint info field that stores it, for messages. */
function infoField(field: string): string {
  const [head = '', ...rest] = field.split('.');
  const tail = rest.length === 0 ? '' : `.${rest.join('.')}`;
  const stored: Record<string, string> = {
    settings: 'hyperparameters',
    classes: 'dataset.classes',
    features: 'dataset.features',
    nextEpoch: 'epoch',
    test: 'metrics.test',
  };
  return `${stored[head] ?? head}${tail}`;
}

function checkValues(
  template: NetworkValues,
  loaded: { params: Tree; state: Tree; optState: Tree },
  tensorsFile: string,
  command: string,
): NetworkValues {
  const expected: Tree = {
    params: template.params,
    state: template.state,
    optState: template.optState,
  };
  const actual: Tree = { params: loaded.params, state: loaded.state, optState: loaded.optState };
  const check = (name: string, want?: Tensor, got?: Tensor): Tensor => {
    const expectedText = `${want?.dtype} ${formatShape(want?.shape ?? [])}`;
    const actualText = `${got?.dtype} ${formatShape(got?.shape ?? [])}`;
    if (expectedText !== actualText) {
      throw corrupt(
        command,
        tensorsFile,
        `tensor "${name}" must be ${expectedText} as the manifest's network needs (got ${actualText})`,
      );
    }
    return got as Tensor;
  };

  try {
    return treeMapWithPath(check, expected, actual) as unknown as NetworkValues;
  } catch (error) {
    if (error instanceof Error && error.name === 'InvalidArgumentError') {
      throw corrupt(
        command,
        tensorsFile,
        `the tensors must form the manifest's network (${error.message})`,
      );
    }
    throw error;
  }
}

function corrupt(command: string, file: string, problem: string) {
  return inputError(
    `puregrad ${command}: ${file}: ${problem}. The checkpoint is corrupt or from another ` +
      'program; train it again.',
  );
}

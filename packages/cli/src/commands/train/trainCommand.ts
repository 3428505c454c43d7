import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { CHECKPOINT_FILES } from '@puregrad/io';
import { fit, type FitResult, type Network, type NetworkValues } from '@puregrad/train';
import { inputError, ExitCode, type ExitCodeValue } from '../../cliError.js';
import type { CliIo } from '../../cliIo.js';
import type { ParsedArgs } from '../../args.js';
import { loadRun, saveRun } from '../../checkpoint/runStore.js';
import type { RunManifest, RunSettings } from '../../checkpoint/runManifest.js';
import { batchOf, loadRunData, resolveSource, type RunData } from '../../data/runData.js';
import { commandOutput, type CommandOutput } from '../../output.js';
import { defaultRunFolder, displayPath, resolvePath } from '../../paths.js';
import { runKeys } from '../../runKeys.js';
import type { Command } from '../command.js';
import { buildNetwork } from './buildNetwork.js';
import { describeSource } from './describeSource.js';
import { progressCallback } from './progressCallback.js';
import { splitEvaluation, writeRunFiles } from './runFiles.js';
import { renderTrainSummary, trainResultJson } from './trainSummary.js';
import { trainOptions } from './trainOptions.js';
import { readTrainSettings, type TrainSettings } from './trainSettings.js';

/** The `train` command: fits a classifier and writes its checkpoint, history and report. */
export const trainCommand: Command = {
  spec: {
    name: 'train',
    summary:
      'Trains a classifier and saves it. Without flags: the MNIST digits, 784 → dense 256 ReLU → ' +
      'dense 128 ReLU → dense 10, each layer batch-normalizing its input, softmax cross-entropy, ' +
      'Adam at 0.001, batch 128, 10 epochs, seed 0. Writes the checkpoint, history.json and ' +
      'report.html into the output folder.',
    positionals: [],
    options: trainOptions,
  },
  run: runTrain,
};

/** A run about to train: fresh from the flags, or continued from a checkpoint. */
interface PreparedRun {
  readonly settings: RunSettings;
  readonly values: NetworkValues | undefined;
  readonly previous: RunManifest | undefined;
}

async function runTrain(args: ParsedArgs, io: CliIo): Promise<ExitCodeValue> {
  const flags = readTrainSettings(args);
  const output = commandOutput(io, flags.json);
  const startedAt = Date.now();
  const outDir = resolvePath(io.cwd, flags.out ?? defaultRunFolder(io.now()));
  const checkpointDir = join(outDir, 'checkpoint');
  checkWritable(outDir, checkpointDir, flags.overwrite, io.cwd);

  const run = prepareRun(flags, io);
  const data = loadRunData(run.settings, 'train');
  const net = buildNetwork(run.settings, data.features, data.classes.length);
  const values = run.values ?? net.init(runKeys(run.settings.seed).init);
  printStart(output, run, data, flags.epochs);

  const result = trainNetwork(net, values, data, run, flags, output);
  const test = splitEvaluation(net, result, data.test);
  const manifest = runManifest(run, data, result, test);
  saveRun(checkpointDir, { manifest, values: result }, { overwrite: flags.overwrite });
  const files = writeRunFiles(outDir, manifest, test, data);

  const seconds = (Date.now() - startedAt) / 1000;
  const checkpoint = displayPath(io.cwd, checkpointDir);
  const outcome = {
    manifest,
    test,
    seconds,
    checkpoint,
    report: displayPath(io.cwd, files.report),
  };
  output.result(trainResultJson(outcome), () => renderTrainSummary(outcome));
  return ExitCode.ok;
}

function checkWritable(
  outDir: string,
  checkpointDir: string,
  overwrite: boolean,
  cwd: string,
): void {
  // The files decide, not the folder: a run that failed before saving leaves an empty folder.
  const files = Object.values(CHECKPOINT_FILES).map((name) => join(checkpointDir, name));
  if (files.some((file) => existsSync(file)) && !overwrite) {
    throw inputError(
      `puregrad train: ${displayPath(cwd, checkpointDir)} already exists. ` +
        'Pass --overwrite to replace it, or choose another folder with --out.',
    );
  }
  mkdirSync(outDir, { recursive: true });
}

function prepareRun(flags: TrainSettings, io: CliIo): PreparedRun {
  if (flags.resume === undefined) {
    const settings = { ...flags, dataset: resolveSource(flags.dataset, io.cwd) };
    return { settings: runSettings(settings), values: undefined, previous: undefined };
  }
  const saved = loadRun(resolvePath(io.cwd, flags.resume), flags.resume, 'train');
  if (saved.manifest.nextEpoch >= flags.epochs) {
    throw inputError(
      `puregrad train: --epochs must exceed the ${saved.manifest.nextEpoch} epochs that ` +
        `${flags.resume} has trained (got ${flags.epochs}). Pass the total number of epochs to reach.`,
    );
  }
  return { settings: saved.manifest.settings, values: saved.values, previous: saved.manifest };
}

function printStart(output: CommandOutput, run: PreparedRun, data: RunData, epochs: number): void {
  const counts = [`${data.train.inputs.shape[0]} training`];
  if (data.validation !== undefined) counts.push(`${data.validation.inputs.shape[0]} validation`);
  counts.push(`${data.test.inputs.shape[0]} test examples`);
  const layers = [data.features, ...run.settings.hiddenLayers, data.classes.length].join(' → ');
  output.human.write(`${describeSource(run.settings)}: ${counts.join(', ')}\n`);
  output.human.write(`network ${layers}, ${run.settings.optimizer.kind}, ${epochs} epochs\n`);
  if (run.previous !== undefined) {
    output.human.write(`resuming after epoch ${run.previous.nextEpoch}\n`);
  }
}

function trainNetwork(
  net: Network,
  values: NetworkValues,
  data: RunData,
  run: PreparedRun,
  flags: TrainSettings,
  output: CommandOutput,
): FitResult {
  const callback = progressCallback({
    progress: output.progress,
    human: output.human,
    trainCount: data.train.inputs.shape[0] as number,
    batchSize: run.settings.batchSize,
    epochs: flags.epochs,
    clock: Date.now,
  });
  const validation = data.validation === undefined ? undefined : batchOf(data.validation);

  return fit(net, values, batchOf(data.train), {
    epochs: flags.epochs,
    batchSize: run.settings.batchSize,
    key: runKeys(run.settings.seed).fit,
    validation,
    callbacks: [callback],
    initialEpoch: run.previous?.nextEpoch ?? 0,
    history: run.previous?.history,
  });
}

function runManifest(
  run: PreparedRun,
  data: RunData,
  result: FitResult,
  test: { loss: number; accuracy: number; count: number },
): RunManifest {
  const previousSeconds = run.previous?.epochSeconds ?? [];
  return {
    settings: run.settings,
    classes: data.classes,
    features: data.features,
    featureNames: data.featureNames,
    preprocessing: data.preprocessing,
    nextEpoch: result.nextEpoch,
    history: result.history,
    epochSeconds: [...previousSeconds, ...result.epochMilliseconds.map((ms) => ms / 1000)],
    test: { loss: test.loss, accuracy: test.accuracy, count: test.count },
  };
}

/** Keeps the settings that a checkpoint records, dropping the flags of this invocation. */
function runSettings(settings: TrainSettings): RunSettings {
  return {
    dataset: settings.dataset,
    limit: settings.limit,
    seed: settings.seed,
    validationShare: settings.validationShare,
    hiddenLayers: settings.hiddenLayers,
    activation: settings.activation,
    batchNorm: settings.batchNorm,
    init: settings.init,
    optimizer: settings.optimizer,
    batchSize: settings.batchSize,
  };
}

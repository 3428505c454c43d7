import {
  booleanOption,
  listOption,
  numberOption,
  stringOption,
  type ParsedArgs,
} from '../../args.js';
import { usageError } from '../../cliError.js';
import {
  DEFAULT_INIT,
  type ActivationName,
  type DatasetName,
  type InitChoice,
  type OptimizerName,
} from './trainOptions.js';

/** The source of the examples, with paths as the user gave them. */
export type DatasetSource =
  | { readonly kind: 'digits' }
  | { readonly kind: 'iris' }
  | { readonly kind: 'idx'; readonly dir: string }
  | { readonly kind: 'csv'; readonly file: string; readonly target: string };

/** The optimizer and its hyperparameters, in the field names of the optimizer configs. */
export type OptimizerSettings =
  | {
      readonly kind: 'sgd';
      readonly learningRate: number;
      readonly momentum: number;
      readonly nesterov: boolean;
    }
  | {
      readonly kind: 'adam' | 'adamw';
      readonly learningRate: number;
      readonly beta1: number;
      readonly beta2: number;
      readonly epsilon: number;
      readonly weightDecay: number;
    };

/** Every setting of a training run, after defaults and cross-flag checks. */
export interface TrainSettings {
  readonly dataset: DatasetSource;
  /** At most this many examples of each split, or undefined for all of them. */
  readonly limit: number | undefined;
  readonly hiddenLayers: readonly number[];
  readonly activation: ActivationName;
  readonly batchNorm: boolean;
  readonly init: InitChoice;
  readonly optimizer: OptimizerSettings;
  readonly epochs: number;
  readonly batchSize: number;
  readonly seed: number;
  readonly validationShare: number;
  /** The output folder as given, or undefined for the dated default under runs/. */
  readonly out: string | undefined;
  readonly resume: string | undefined;
  readonly overwrite: boolean;
  readonly json: boolean;
}

/** The flags that `--resume` takes from the checkpoint and so rejects on the command line. */
const fixedByCheckpoint = [
  'dataset',
  'data',
  'file',
  'target',
  'limit',
  'layers',
  'activation',
  'batch-norm',
  'init',
  'optimizer',
  'lr',
  'momentum',
  'nesterov',
  'beta1',
  'beta2',
  'epsilon',
  'weight-decay',
  'batch-size',
  'seed',
  'validation-share',
];

/**
 * Reads the train command's flags into settings, filling in the defaults, and rejects flags that
 * contradict each other, such as `--nesterov` without momentum or `--beta1` with sgd.
 */
export function readTrainSettings(args: ParsedArgs): TrainSettings {
  const resume = stringOption(args, 'resume');
  if (resume !== undefined) rejectFixedFlags(args);

  return {
    dataset: readDatasetSource(args, 'train'),
    limit: numberOption(args, 'limit'),
    hiddenLayers: listOption(args, 'layers') ?? [256, 128],
    activation: (stringOption(args, 'activation') ?? 'relu') as ActivationName,
    batchNorm: booleanOption(args, 'batch-norm') ?? true,
    init: (stringOption(args, 'init') ?? DEFAULT_INIT) as InitChoice,
    optimizer: readOptimizer(args),
    epochs: numberOption(args, 'epochs') ?? 10,
    batchSize: numberOption(args, 'batch-size') ?? 128,
    seed: numberOption(args, 'seed') ?? 0,
    validationShare: numberOption(args, 'validation-share') ?? 0.1,
    out: stringOption(args, 'out'),
    resume,
    overwrite: booleanOption(args, 'overwrite') ?? false,
    json: booleanOption(args, 'json') ?? false,
  };
}

/** Reads `--dataset` and the path flags it needs; `command` names the command in errors. */
export function readDatasetSource(args: ParsedArgs, command: string): DatasetSource {
  const kind = (stringOption(args, 'dataset') ?? 'digits') as DatasetName;
  const data = stringOption(args, 'data');
  const file = stringOption(args, 'file');
  const target = stringOption(args, 'target');

  if (kind !== 'idx' && data !== undefined) throw misplaced(command, 'data', 'idx');
  if (kind !== 'csv' && file !== undefined) throw misplaced(command, 'file', 'csv');
  if (kind !== 'csv' && target !== undefined) throw misplaced(command, 'target', 'csv');

  switch (kind) {
    case 'digits':
    case 'iris':
      return { kind };
    case 'idx':
      return { kind, dir: required(command, 'data', data, 'idx', 'the folder of the IDX files') };
    case 'csv':
      return {
        kind,
        file: required(command, 'file', file, 'csv', 'the CSV file'),
        target: required(command, 'target', target, 'csv', 'the name of the class column'),
      };
  }
}

function readOptimizer(args: ParsedArgs): OptimizerSettings {
  const kind = (stringOption(args, 'optimizer') ?? 'adam') as OptimizerName;
  const learningRate = numberOption(args, 'lr') ?? 0.001;
  if (kind === 'sgd') return readSgd(args, learningRate);

  for (const name of ['momentum', 'nesterov']) {
    if (args.options.has(name)) throw onlyWith(name, 'sgd', kind);
  }
  if (kind === 'adam' && args.options.has('weight-decay'))
    throw onlyWith('weight-decay', 'adamw', kind);
  return {
    kind,
    learningRate,
    beta1: numberOption(args, 'beta1') ?? 0.9,
    beta2: numberOption(args, 'beta2') ?? 0.999,
    epsilon: numberOption(args, 'epsilon') ?? 1e-8,
    weightDecay: kind === 'adamw' ? (numberOption(args, 'weight-decay') ?? 0.01) : 0,
  };
}

function readSgd(args: ParsedArgs, learningRate: number): OptimizerSettings {
  for (const name of ['beta1', 'beta2', 'epsilon']) {
    if (args.options.has(name)) throw onlyWith(name, 'adam or adamw', 'sgd');
  }
  if (args.options.has('weight-decay')) throw onlyWith('weight-decay', 'adamw', 'sgd');

  const momentum = numberOption(args, 'momentum') ?? 0;
  const nesterov = booleanOption(args, 'nesterov') ?? false;
  if (nesterov && momentum === 0) {
    throw usageError(
      'puregrad train: --nesterov must come with --momentum above 0 (got momentum 0). ' +
        'Add --momentum 0.9, say, or drop --nesterov.',
    );
  }
  return { kind: 'sgd', learningRate, momentum, nesterov };
}

function rejectFixedFlags(args: ParsedArgs): void {
  const given = fixedByCheckpoint.find((name) => args.options.has(name));
  if (given === undefined) return;
  throw usageError(
    `puregrad train: --${given} must not be given with --resume, because the checkpoint fixes it. ` +
      'Drop the flag, or start a new run without --resume.',
  );
}

function misplaced(command: string, flag: string, dataset: string) {
  return usageError(
    `puregrad ${command}: --${flag} applies only to --dataset ${dataset}. ` +
      `Add --dataset ${dataset} or drop --${flag}.`,
  );
}

function required(
  command: string,
  flag: string,
  value: string | undefined,
  dataset: string,
  what: string,
): string {
  if (value !== undefined) return value;
  throw usageError(
    `puregrad ${command}: --dataset ${dataset} needs --${flag} (${what}), which is missing. ` +
      `Add --${flag}.`,
  );
}

function onlyWith(flag: string, optimizers: string, chosen: string) {
  return usageError(
    `puregrad train: --${flag} applies only to --optimizer ${optimizers} (got --optimizer ${chosen}). ` +
      `Drop --${flag} or change the optimizer.`,
  );
}

import { ExitCode, inputError, type ExitCodeValue } from '../../cliError.js';
import type { CliIo } from '../../cliIo.js';
import { booleanOption, type ParsedArgs } from '../../args.js';
import type { RunSettings } from '../../checkpoint/runManifest.js';
import { loadRun } from '../../checkpoint/runStore.js';
import { loadRunData, resolveSource, type RunData } from '../../data/runData.js';
import { commandOutput } from '../../output.js';
import { resolvePath } from '../../paths.js';
import type { Command } from '../command.js';
import { buildNetwork } from '../train/buildNetwork.js';
import { splitEvaluation } from '../train/runFiles.js';
import { datasetOptions } from '../train/trainOptions.js';
import { readDatasetSource, type DatasetSource } from '../train/trainSettings.js';
import { renderConfusion } from './renderConfusion.js';

/** The `evaluate` command: scores a checkpoint on the test split of its data set or another one. */
export const evaluateCommand: Command = {
  spec: {
    name: 'evaluate',
    summary:
      'Reports the loss, accuracy and confusion matrix of a checkpoint on the test split of the ' +
      "checkpoint's data set, rebuilt from the seed and split its manifest records. The data-set " +
      'flags score it on the test split of another data set instead, read with the preprocessing ' +
      'and class names of the checkpoint.',
    positionals: ['CHECKPOINT'],
    options: [
      ...datasetOptions,
      {
        name: 'json',
        kind: { type: 'boolean' },
        description: 'Prints only one JSON object with the results on stdout.',
        defaultText: 'off',
      },
    ],
  },
  run: runEvaluate,
};

const datasetFlags = ['dataset', 'data', 'file', 'target', 'limit'];

async function runEvaluate(args: ParsedArgs, io: CliIo): Promise<ExitCodeValue> {
  const givenPath = args.positionals[0] as string;
  const output = commandOutput(io, booleanOption(args, 'json') ?? false);
  const saved = loadRun(resolvePath(io.cwd, givenPath), givenPath, 'evaluate');
  const { manifest } = saved;
  const settings = evaluationSettings(args, manifest.settings, io.cwd);

  const data = loadRunData(settings, 'evaluate', manifest);
  checkClasses(data, manifest.classes, settings.dataset);
  const net = buildNetwork(settings, manifest.features, manifest.classes.length);
  const test = splitEvaluation(net, saved.values, data.test);

  const result = {
    checkpoint: givenPath,
    dataset: settings.dataset,
    testLoss: test.loss,
    testAccuracy: test.accuracy,
    testCount: test.count,
    confusion: test.confusion,
  };
  output.result(result, () =>
    [
      `test accuracy ${(100 * test.accuracy).toFixed(2)}% ` +
        `(${Math.round(test.accuracy * test.count)} of ${test.count}), test loss ${test.loss.toFixed(4)}`,
      '',
      'confusion matrix (rows: true class, columns: predicted class)',
      renderConfusion(test.confusion, manifest.classes),
    ].join('\n'),
  );
  return ExitCode.ok;
}

/** Returns the checkpoint's settings, with the data set replaced when the command line names one. */
function evaluationSettings(args: ParsedArgs, saved: RunSettings, cwd: string): RunSettings {
  if (!datasetFlags.some((flag) => args.options.has(flag))) return saved;
  const dataset: DatasetSource = resolveSource(readDatasetSource(args, 'evaluate'), cwd);
  const limit = args.options.get('limit') as number | undefined;
  return { ...saved, dataset, limit };
}

function checkClasses(data: RunData, classes: readonly string[], source: DatasetSource): void {
  if (data.classes.length !== classes.length) {
    throw inputError(
      `puregrad evaluate: the ${source.kind} data must have ${classes.length} classes, as the ` +
        `checkpoint's output does (got ${data.classes.length}). Evaluate on data with the same classes.`,
    );
  }
}

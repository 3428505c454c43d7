import { join } from 'node:path';
import type { ClassificationDataset } from '@puregrad/data';
import { writeFileAtomic } from '@puregrad/io';
import { evaluate, type Network, type NetworkValues } from '@puregrad/train';
import type { RunManifest } from '../../checkpoint/runManifest.js';
import { batchOf, type RunData } from '../../data/runData.js';
import { renderHtmlReport } from '../../report/htmlReport.js';
import type { EpochSummary, Evaluation } from '../../report/runSummary.js';
import { describeSource } from './describeSource.js';

/**
 * Evaluates a network on one split in 'infer' mode: the mean loss, the accuracy and the confusion
 * matrix `[classes, classes]`, rows the true classes.
 */
export function splitEvaluation(
  net: Network,
  values: NetworkValues,
  split: ClassificationDataset,
): Evaluation {
  const result = evaluate(net, values.params, values.state, batchOf(split));
  const classes = split.classes.length;
  const empty = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  return {
    loss: result.loss,
    accuracy: result.accuracy ?? 0,
    count: result.count,
    confusion: result.confusion ?? empty,
  };
}

/** Converts fit's history, epochs counted from 0, to the report's, counted from 1 with timings. */
export function epochSummaries(manifest: RunManifest): EpochSummary[] {
  return manifest.history.map((record, i) => ({
    epoch: record.epoch + 1,
    trainLoss: record.loss,
    trainAccuracy: record.accuracy ?? Number.NaN,
    validationLoss: record.valLoss,
    validationAccuracy: record.valAccuracy,
    seconds: manifest.epochSeconds[i] ?? Number.NaN,
  }));
}

/** Writes history.json and report.html into the run's folder and returns their paths. */
export function writeRunFiles(
  outDir: string,
  manifest: RunManifest,
  test: Evaluation,
  data: RunData,
): { history: string; report: string } {
  const epochs = epochSummaries(manifest);
  const history = join(outDir, 'history.json');
  const report = join(outDir, 'report.html');
  writeFileAtomic(history, `${JSON.stringify({ epochs, test }, null, 2)}\n`);
  writeFileAtomic(report, renderHtmlReport(reportSummary(manifest, epochs, test, data)));
  return { history, report };
}

function reportSummary(
  manifest: RunManifest,
  epochs: EpochSummary[],
  test: Evaluation,
  data: RunData,
) {
  const { settings } = manifest;
  const layers = [manifest.features, ...settings.hiddenLayers, manifest.classes.length];
  const counts = [data.train, data.validation, data.test].map(
    (split) => split?.inputs.shape[0] ?? 0,
  );
  return {
    title: `puregrad run: ${describeSource(settings)}`,
    settings: [
      ['data set', describeSource(settings)],
      ['examples (train, validation, test)', counts.join(', ')],
      ['layers', layers.join(' → ')],
      ['activation', settings.activation],
      ['batch normalization', settings.batchNorm ? 'on' : 'off'],
      ['optimizer', JSON.stringify(settings.optimizer)],
      ['batch size', String(settings.batchSize)],
      ['epochs', String(manifest.nextEpoch)],
      ['seed', String(settings.seed)],
    ] as [string, string][],
    epochs,
    test,
    classNames: manifest.classes,
  };
}

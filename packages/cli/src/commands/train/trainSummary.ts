import type { RunManifest } from '../../checkpoint/runManifest.js';
import type { Evaluation } from '../../report/runSummary.js';
import { renderLineChart } from '../../terminal/lineChart.js';

/** The end of a training run, as `train` reports it. */
export interface TrainOutcome {
  readonly manifest: RunManifest;
  readonly test: Evaluation;
  /** Wall-clock seconds of the whole command. */
  readonly seconds: number;
  /** The checkpoint folder, as `evaluate` and `predict` take it. */
  readonly checkpoint: string;
  readonly report: string;
}

/** Renders the closing text of `train`: the loss chart, the test scores and the files written. */
export function renderTrainSummary(outcome: TrainOutcome): string {
  const { manifest, test } = outcome;
  const series = [
    { name: 'training loss', marker: '*', values: manifest.history.map((r) => r.loss) },
  ];
  if (manifest.history.some((record) => record.valLoss !== undefined)) {
    const values = manifest.history.map((record) => record.valLoss ?? Number.NaN);
    series.push({ name: 'validation loss', marker: 'o', values });
  }
  const correct = Math.round(test.accuracy * test.count);

  return [
    '',
    renderLineChart(series, { title: 'loss per epoch', width: 60, height: 12 }),
    `test accuracy ${(100 * test.accuracy).toFixed(2)}% (${correct} of ${test.count}), ` +
      `test loss ${test.loss.toFixed(4)}`,
    `checkpoint ${outcome.checkpoint}`,
    `report     ${outcome.report}`,
    `time       ${outcome.seconds.toFixed(1)} s`,
    '',
  ].join('\n');
}

/** Builds the object that `train --json` prints on stdout. */
export function trainResultJson(outcome: TrainOutcome): object {
  const { manifest, test } = outcome;
  return {
    testAccuracy: test.accuracy,
    testLoss: test.loss,
    testCount: test.count,
    epochs: manifest.nextEpoch,
    seconds: outcome.seconds,
    checkpoint: outcome.checkpoint,
    report: outcome.report,
    history: manifest.history,
    confusion: test.confusion,
  };
}

import { describe, expect, it } from 'vitest';
import { renderHtmlReport } from '../src/report/htmlReport.js';
import type { RunSummary } from '../src/report/runSummary.js';
import { parseReport } from './reportParser.js';

const summary: RunSummary = {
  title: 'Run <1>',
  settings: [['optimizer', 'adam & co']],
  epochs: [1, 2, 3].map((epoch) => ({
    epoch,
    trainLoss: 1 / epoch,
    trainAccuracy: 0.5 + epoch / 10,
    validationLoss: 1.2 / epoch,
    validationAccuracy: 0.4 + epoch / 10,
    seconds: 1,
  })),
  test: {
    loss: 0.5,
    accuracy: 0.75,
    count: 4,
    confusion: [
      [2, 1],
      [0, 1],
    ],
  },
  classNames: ['0', '1'],
};

describe('renderHtmlReport', () => {
  const html = renderHtmlReport(summary);
  const report = parseReport(html);

  it('draws one point per epoch for each series', () => {
    expect([...report.seriesPoints.keys()].sort()).toEqual([
      'train-accuracy',
      'train-loss',
      'validation-accuracy',
      'validation-loss',
    ]);
    for (const points of report.seriesPoints.values()) expect(points).toBe(3);
  });

  it('writes the confusion matrix cells', () => {
    expect(report.confusion).toEqual([
      [2, 1],
      [0, 1],
    ]);
  });

  it('writes the test accuracy', () => {
    expect(report.accuracy).toBe(0.75);
  });

  it('escapes text from settings and title', () => {
    expect(html).toContain('Run &lt;1&gt;');
    expect(html).toContain('adam &amp; co');
  });

  it('omits validation curves without validation data', () => {
    const epochs = summary.epochs.map(({ epoch, trainLoss, trainAccuracy, seconds }) => ({
      epoch,
      trainLoss,
      trainAccuracy,
      seconds,
    }));
    const names = [...parseReport(renderHtmlReport({ ...summary, epochs })).seriesPoints.keys()];
    expect(names.sort()).toEqual(['train-accuracy', 'train-loss']);
  });
});

import { escapeHtml } from './escapeHtml.js';
import type { Evaluation, RunSummary } from './runSummary.js';
import { renderSvgChart } from './svgChart.js';

const colors = { train: '#1f77b4', validation: '#d62728' };

/**
 * Renders a self-contained HTML page for a training run: the settings, the loss and accuracy curves
 * as inline SVG (series `train-loss`, `validation-loss`, `train-accuracy`, `validation-accuracy`,
 * one point per epoch), and the test confusion matrix as a table with id `confusion-matrix`.
 */
export function renderHtmlReport(summary: RunSummary): string {
  const epochs = summary.epochs;
  const hasValidation = epochs.some((e) => e.validationLoss !== undefined);
  const lossSeries = [
    { name: 'train-loss', color: colors.train, values: epochs.map((e) => e.trainLoss) },
  ];
  const accuracySeries = [
    { name: 'train-accuracy', color: colors.train, values: epochs.map((e) => e.trainAccuracy) },
  ];
  if (hasValidation) {
    const loss = epochs.map((e) => e.validationLoss ?? Number.NaN);
    const accuracy = epochs.map((e) => e.validationAccuracy ?? Number.NaN);
    lossSeries.push({ name: 'validation-loss', color: colors.validation, values: loss });
    accuracySeries.push({
      name: 'validation-accuracy',
      color: colors.validation,
      values: accuracy,
    });
  }

  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<title>${escapeHtml(summary.title)}</title>`,
    `<style>${styles}</style>`,
    '</head>',
    '<body>',
    `<h1>${escapeHtml(summary.title)}</h1>`,
    testLine(summary.test),
    settingsTable(summary.settings),
    '<h2>Loss</h2>',
    renderSvgChart(lossSeries, { title: 'Loss per epoch', yLabel: 'loss' }),
    '<h2>Accuracy</h2>',
    renderSvgChart(accuracySeries, { title: 'Accuracy per epoch', yLabel: 'accuracy' }),
    '<h2>Test confusion matrix</h2>',
    '<p>Rows are the true classes, columns the predicted ones.</p>',
    confusionTable(summary.test, summary.classNames),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

const styles = [
  'body{font-family:system-ui,sans-serif;margin:2em;color:#222}',
  'table{border-collapse:collapse;margin:1em 0}',
  'td,th{border:1px solid #ccc;padding:2px 8px;text-align:right}',
  '#confusion-matrix td.diagonal{background:#e3f1e3;font-weight:bold}',
].join('');

function testLine(test: Evaluation): string {
  return (
    `<p id="test-result">Test accuracy <strong data-value="${test.accuracy}">` +
    `${(100 * test.accuracy).toFixed(2)}%</strong>, test loss ` +
    `<span data-value="${test.loss}">${test.loss.toFixed(4)}</span> on ${test.count} examples.</p>`
  );
}

function settingsTable(settings: RunSummary['settings']): string {
  const rows = settings.map(
    ([name, value]) => `<tr><th>${escapeHtml(name)}</th><td>${escapeHtml(value)}</td></tr>`,
  );
  return ['<table id="settings">', ...rows, '</table>'].join('\n');
}

function confusionTable(test: Evaluation, classNames: readonly string[]): string {
  const header = classNames.map((name) => `<th>${escapeHtml(name)}</th>`).join('');
  const rows = test.confusion.map((row, i) => {
    const cells = row.map((count, j) => `<td${i === j ? ' class="diagonal"' : ''}>${count}</td>`);
    return `<tr><th>${escapeHtml(classNames[i] ?? String(i))}</th>${cells.join('')}</tr>`;
  });
  return [
    '<table id="confusion-matrix">',
    `<thead><tr><th>true \\ predicted</th>${header}</tr></thead>`,
    '<tbody>',
    ...rows,
    '</tbody>',
    '</table>',
  ].join('\n');
}

import { escapeHtml } from './escapeHtml.js';

/** One curve of an SVG chart: one value per epoch, drawn as a polyline in `color`. */
export interface SvgSeries {
  /** The series id, written to the polyline's `data-series` attribute and the legend. */
  readonly name: string;
  readonly color: string;
  readonly values: readonly number[];
}

/** Options of {@link renderSvgChart}. */
export interface SvgChartOptions {
  readonly title: string;
  readonly yLabel: string;
  readonly width?: number;
  readonly height?: number;
}

const margin = { left: 56, right: 16, top: 28, bottom: 40 };

/**
 * Renders curves as an inline SVG element: axes with the value range, one `<polyline>` per series
 * with one point per value (x is the epoch, counted from 1), and a legend. Non-finite values are
 * left out of the polyline, so a reader can compare its point count with the epoch count.
 */
export function renderSvgChart(series: readonly SvgSeries[], options: SvgChartOptions): string {
  const width = options.width ?? 560;
  const height = options.height ?? 300;
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  const epochs = Math.max(1, ...series.map((s) => s.values.length));
  const { low, high } = range(series);

  const x = (i: number) =>
    margin.left + (epochs === 1 ? plotWidth / 2 : (i / (epochs - 1)) * plotWidth);
  const y = (value: number) => margin.top + ((high - value) / (high - low)) * plotHeight;
  const curves = series.map((s) => polyline(s, x, y));
  const legend = series.map((s, i) => legendEntry(s, margin.left + 8 + i * 150, margin.top - 10));

  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" ` +
      `viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(options.title)}">`,
    `<title>${escapeHtml(options.title)}</title>`,
    axes(width, height, low, high, epochs, options.yLabel),
    ...curves,
    ...legend,
    '</svg>',
  ].join('\n');
}

function polyline(
  series: SvgSeries,
  x: (i: number) => number,
  y: (value: number) => number,
): string {
  const points = series.values
    .map((value, i) => (Number.isFinite(value) ? `${fixed(x(i))},${fixed(y(value))}` : ''))
    .filter((point) => point !== '')
    .join(' ');
  return (
    `<polyline class="series" data-series="${escapeHtml(series.name)}" fill="none" ` +
    `stroke="${series.color}" stroke-width="2" points="${points}"/>`
  );
}

function legendEntry(series: SvgSeries, left: number, top: number): string {
  return (
    `<g class="legend"><rect x="${left}" y="${top - 8}" width="12" height="4" ` +
    `fill="${series.color}"/><text x="${left + 16}" y="${top - 3}" font-size="11">` +
    `${escapeHtml(series.name)}</text></g>`
  );
}

function axes(
  width: number,
  height: number,
  low: number,
  high: number,
  epochs: number,
  yLabel: string,
): string {
  const bottom = height - margin.bottom;
  const right = width - margin.right;
  return [
    `<g class="axes" font-size="11" fill="#333">`,
    `<line x1="${margin.left}" y1="${margin.top}" x2="${margin.left}" y2="${bottom}" stroke="#333"/>`,
    `<line x1="${margin.left}" y1="${bottom}" x2="${right}" y2="${bottom}" stroke="#333"/>`,
    `<text x="${margin.left - 4}" y="${margin.top + 4}" text-anchor="end">${tick(high)}</text>`,
    `<text x="${margin.left - 4}" y="${bottom}" text-anchor="end">${tick(low)}</text>`,
    `<text x="${margin.left}" y="${bottom + 16}" text-anchor="middle">1</text>`,
    `<text x="${right}" y="${bottom + 16}" text-anchor="middle">${epochs}</text>`,
    `<text x="${(margin.left + right) / 2}" y="${bottom + 32}" text-anchor="middle">epoch</text>`,
    `<text x="12" y="${(margin.top + bottom) / 2}" text-anchor="middle" ` +
      `transform="rotate(-90 12 ${(margin.top + bottom) / 2})">${escapeHtml(yLabel)}</text>`,
    '</g>',
  ].join('\n');
}

function range(series: readonly SvgSeries[]): { low: number; high: number } {
  const finite = series.flatMap((s) => s.values.filter((value) => Number.isFinite(value)));
  if (finite.length === 0) return { low: 0, high: 1 };
  const low = Math.min(...finite);
  const high = Math.max(...finite);
  return high - low < 1e-12 ? { low: low - 0.5, high: high + 0.5 } : { low, high };
}

function tick(value: number): string {
  return Math.abs(value) >= 100 ? value.toFixed(0) : value.toPrecision(3);
}

function fixed(value: number): string {
  return value.toFixed(1);
}

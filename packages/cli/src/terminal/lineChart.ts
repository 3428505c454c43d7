/** One curve of a terminal chart: a name for the legend, a marker, and one value per x step. */
export interface ChartSeries {
  readonly name: string;
  /** A single character drawn at each point, e.g. `*`. */
  readonly marker: string;
  readonly values: readonly number[];
}

/** Options of {@link renderLineChart}. */
export interface LineChartOptions {
  readonly title: string;
  /** Width of the plotting area in characters; the y labels come on top. */
  readonly width?: number;
  /** Height of the plotting area in rows. */
  readonly height?: number;
  /** The label of the x axis, e.g. `epoch`. */
  readonly xLabel?: string;
}

/**
 * Renders curves as text: a y axis labelled with its minimum, middle and maximum, one marker per
 * point (the later series wins where two share a cell), an x axis numbered from 1, and a legend.
 * Non-finite values are skipped.
 */
export function renderLineChart(series: readonly ChartSeries[], options: LineChartOptions): string {
  const width = options.width ?? 60;
  const height = options.height ?? 12;
  const points = Math.max(1, ...series.map((s) => s.values.length));
  const { low, high } = valueRange(series);
  const grid = Array.from({ length: height }, () => Array<string>(width).fill(' '));

  for (const curve of series) {
    curve.values.forEach((value, i) => {
      if (!Number.isFinite(value)) return;
      const column = points === 1 ? 0 : Math.round((i / (points - 1)) * (width - 1));
      const row = Math.round(((high - value) / (high - low)) * (height - 1));
      (grid[row] as string[])[column] = curve.marker;
    });
  }

  const labels = yLabels(low, high, height);
  const labelWidth = Math.max(...labels.map((label) => label.length));
  const lines = [options.title];
  grid.forEach((cells, row) => {
    lines.push(`${(labels[row] ?? '').padStart(labelWidth)} |${cells.join('').trimEnd()}`);
  });
  lines.push(`${' '.repeat(labelWidth)} +${'-'.repeat(width)}`);
  lines.push(xAxisLine(points, width, labelWidth, options.xLabel ?? 'epoch'));
  lines.push(series.map((s) => `${s.marker} ${s.name}`).join('   '));
  return lines.join('\n') + '\n';
}

function valueRange(series: readonly ChartSeries[]): { low: number; high: number } {
  const finite = series.flatMap((s) => s.values.filter((value) => Number.isFinite(value)));
  if (finite.length === 0) return { low: 0, high: 1 };
  const low = Math.min(...finite);
  const high = Math.max(...finite);

  // A flat curve still needs a range to divide by; widen it around the value.
  if (high - low < 1e-12) return { low: low - 0.5, high: high + 0.5 };
  return { low, high };
}

function yLabels(low: number, high: number, height: number): string[] {
  const labels = Array<string>(height).fill('');
  labels[0] = formatTick(high);
  labels[Math.floor((height - 1) / 2)] = formatTick((low + high) / 2);
  labels[height - 1] = formatTick(low);
  return labels;
}

function formatTick(value: number): string {
  return Math.abs(value) >= 100 ? value.toFixed(0) : value.toPrecision(3);
}

function xAxisLine(points: number, width: number, labelWidth: number, xLabel: string): string {
  const first = '1';
  const last = String(points);
  const gap = Math.max(1, width - first.length - last.length);
  const axis = points === 1 ? first : `${first}${' '.repeat(gap)}${last}`;
  return `${' '.repeat(labelWidth)}  ${axis}  (${xLabel})`;
}

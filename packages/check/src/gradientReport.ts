/** One compared element: the analytic gradient, the central difference and their scaled error. */
export interface GradientEntry {
  /** The tensor that contains the element, e.g. `params[1].weight` or `input`. */
  readonly path: string;
  /** The element's index per axis of its tensor, counted from 0. */
  readonly index: readonly number[];
  readonly analytic: number;
  readonly numeric: number;
  /** `|analytic − numeric| / max(1, |analytic|, |numeric|)`. */
  readonly error: number;
}

/** An entry whose mismatch is excused because a relu or leakyRelu kink lies inside its step. */
export interface ExcusedEntry extends GradientEntry {
  /** The reason for the excuse, e.g. `pre-activation 0 element [3, 1] changes sign`. */
  readonly reason: string;
}

/** The outcome of a gradient check. */
export interface GradientReport {
  /** True when every entry that was not excused has `error ≤ tolerance`. */
  readonly ok: boolean;
  /** The entry with the largest error among those not excused; null when nothing was compared. */
  readonly worst: GradientEntry | null;
  /** Entries over the tolerance and not excused, worst first. */
  readonly failures: readonly GradientEntry[];
  /** Entries over the tolerance that a kink excuses, in the order they were compared. */
  readonly excused: readonly ExcusedEntry[];
  /** How many elements were compared. */
  readonly checked: number;
  readonly tolerance: number;
  /** The relative finite-difference step: `h = step · max(1, |x|)`. */
  readonly step: number;
}

/** Returns the scaled error `|analytic − numeric| / max(1, |analytic|, |numeric|)`. */
export function scaledError(analytic: number, numeric: number): number {
  const scale = Math.max(1, Math.abs(analytic), Math.abs(numeric));
  const error = Math.abs(analytic - numeric) / scale;
  // A NaN on either side must fail the check, and NaN compares false with any tolerance.
  return Number.isNaN(error) ? Number.POSITIVE_INFINITY : error;
}

/** Formats an entry's location, e.g. `params[1].weight[2, 3]`. */
export function formatLocation(entry: Pick<GradientEntry, 'path' | 'index'>): string {
  return `${entry.path}[${entry.index.join(', ')}]`;
}

function formatEntry(entry: GradientEntry): string {
  return (
    `${formatLocation(entry)}: analytic ${entry.analytic}, numeric ${entry.numeric}, ` +
    `error ${entry.error.toExponential(2)}`
  );
}

/**
 * Formats a report as a few readable lines: the verdict, the worst entry, up to `limit` further
 * failures and the excused entries.
 */
export function formatGradientReport(report: GradientReport, limit = 5): string {
  const verdict = report.ok ? 'passed' : `failed on ${report.failures.length}`;
  const lines = [
    `gradient check ${verdict} of ${report.checked} entries ` +
      `(tolerance ${report.tolerance}, step ${report.step}).`,
  ];
  if (report.worst !== null) lines.push(`worst ${formatEntry(report.worst)}`);

  for (const failure of report.failures.slice(1, limit)) lines.push(`also ${formatEntry(failure)}`);
  if (report.failures.length > limit) {
    lines.push(`and ${report.failures.length - limit} more failures.`);
  }

  for (const entry of report.excused.slice(0, limit)) {
    lines.push(`excused as a kink: ${formatEntry(entry)} (${entry.reason})`);
  }
  if (report.excused.length > limit) {
    lines.push(`and ${report.excused.length - limit} more excused entries.`);
  }
  return lines.join('\n');
}

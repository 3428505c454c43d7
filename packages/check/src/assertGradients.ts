import { PuregradError, type Tree } from '@puregrad/tensor';
import { checkGradients, type GradientCheck } from './checkGradients.js';
import { formatGradientReport, type GradientReport } from './gradientReport.js';

/** Options of {@link assertGradients}. */
export interface AssertGradientsOptions {
  /**
   * Whether an entry excused as a kink also fails the assertion; false unless given. Set it on
   * inputs that keep every relu and leakyRelu pre-activation away from 0, where no kink can lie
   * inside a step.
   */
  readonly rejectKinks?: boolean;
}

/** Raised by {@link assertGradients}; `report` contains the full gradient report. */
export class GradientCheckError extends PuregradError {
  override name = 'GradientCheckError';
  readonly report: GradientReport;

  constructor(message: string, report: GradientReport) {
    super(message);
    this.report = report;
  }
}

/**
 * Runs {@link checkGradients} and raises a GradientCheckError whose message names the worst
 * entry, e.g. `params[1].weight[2, 3]`, unless every entry passes. Returns the report otherwise.
 *
 * @example
 * assertGradients({ layer, params, state, input, mode: 'infer' }, { rejectKinks: true });
 */
export function assertGradients<P extends Tree, S extends Tree>(
  check: GradientCheck<P, S>,
  options: AssertGradientsOptions = {},
): GradientReport {
  const report = checkGradients(check);
  if (!report.ok) {
    throw new GradientCheckError(
      `assertGradients: the analytic gradients must match central differences.\n` +
        formatGradientReport(report),
      report,
    );
  }
  if (options.rejectKinks === true && report.excused.length > 0) {
    throw new GradientCheckError(
      `assertGradients: no entry may be excused as a kink on these inputs ` +
        `(got ${report.excused.length}). Keep relu inputs away from 0 or drop rejectKinks.\n` +
        formatGradientReport(report),
      report,
    );
  }
  return report;
}

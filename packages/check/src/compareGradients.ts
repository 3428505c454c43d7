import {
  formatShape,
  ShapeError,
  type Float64Tensor,
  type FloatTensor,
  type Tensor,
  type Tree,
} from '@puregrad/tensor';
import { centralPoints } from './finiteDifference.js';
import {
  scaledError,
  type ExcusedEntry,
  type GradientEntry,
  type GradientReport,
} from './gradientReport.js';
import {
  formatPath,
  replaceLeaf,
  treeLeavesWithPaths,
  unravelIndex,
  type TreeLeaf,
} from './treePaths.js';

/** Named trees of float64 tensors, e.g. `{ input, params }`, that a check differentiates by. */
export type Variables = { readonly [root: string]: Tree };

/**
 * A scalar function of a tree of float64 variables, with its analytic gradients at one point.
 * The variables' top-level names (`input`, `params`, `predictions`) start every reported path.
 */
export interface Differentiable {
  readonly variables: Variables;
  /** The analytic gradients at `variables`, with the same structure and shapes. */
  readonly gradients: Variables;
  readonly evaluate: (variables: Variables) => number;
  /** The inputs of every relu and leakyRelu at `variables`, used to recognize kinks. */
  readonly preActivations?: (variables: Variables) => readonly FloatTensor[];
}

/** The step and tolerance of one comparison, already validated. */
export interface Comparison {
  readonly step: number;
  readonly tolerance: number;
}

/**
 * Compares every element's analytic gradient with a central difference of `evaluate`, which
 * costs two evaluations per element. An element over the tolerance is excused only when some
 * pre-activation changes sign between the two evaluations.
 */
export function compareGradients(subject: Differentiable, comparison: Comparison): GradientReport {
  const variables = treeLeavesWithPaths(subject.variables);
  const gradients = matchGradients(variables, treeLeavesWithPaths(subject.gradients));

  const entries: GradientEntry[] = [];
  const excused: ExcusedEntry[] = [];
  variables.forEach((leaf, k) => {
    const grad = gradients[k] as Tensor;
    for (let i = 0; i < leaf.tensor.data.length; i++) {
      const entry = compareElement(subject, leaf, grad, i, comparison.step);
      const reason =
        entry.error > comparison.tolerance ? kinkBetween(subject, leaf, i, comparison) : null;
      if (reason === null) entries.push(entry);
      else excused.push({ ...entry, reason });
    }
  });

  return summarize(entries, excused, comparison);
}

function compareElement(
  subject: Differentiable,
  leaf: TreeLeaf,
  grad: Tensor,
  i: number,
  step: number,
): GradientEntry {
  const points = centralPoints(leaf.tensor as Float64Tensor, i, step);
  const plus = subject.evaluate(substitute(subject, leaf, points.plus));
  const minus = subject.evaluate(substitute(subject, leaf, points.minus));
  const numeric = (plus - minus) / points.width;
  const analytic = grad.data[i] as number;
  return {
    path: pathOf(leaf),
    index: unravelIndex(i, leaf.tensor.shape),
    analytic,
    numeric,
    error: scaledError(analytic, numeric),
  };
}

function substitute(subject: Differentiable, leaf: TreeLeaf, value: Tensor): Variables {
  return replaceLeaf(subject.variables, leaf.segments, value) as Variables;
}

/** Describes the first pre-activation element whose sign differs between x − h and x + h. */
function kinkBetween(
  subject: Differentiable,
  leaf: TreeLeaf,
  i: number,
  comparison: Comparison,
): string | null {
  if (subject.preActivations === undefined) return null;
  const points = centralPoints(leaf.tensor as Float64Tensor, i, comparison.step);
  const below = subject.preActivations(substitute(subject, leaf, points.minus));
  const above = subject.preActivations(substitute(subject, leaf, points.plus));

  for (let k = 0; k < below.length; k++) {
    const a = below[k] as FloatTensor;
    const b = above[k] as FloatTensor;
    for (let j = 0; j < a.data.length; j++) {
      if (Math.sign(a.data[j] as number) !== Math.sign(b.data[j] as number)) {
        const index = unravelIndex(j, a.shape).join(', ');
        return `pre-activation ${k} element [${index}] changes sign between x − h and x + h`;
      }
    }
  }
  return null;
}

function pathOf(leaf: TreeLeaf): string {
  return formatPath(String(leaf.segments[0]), leaf.segments.slice(1));
}

/**
 * Pairs each variable with the gradient at the same path, so records whose keys come in another
 * order still pair correctly. Raises a ShapeError for a missing, extra or misshapen gradient.
 */
function matchGradients(variables: readonly TreeLeaf[], gradients: readonly TreeLeaf[]): Tensor[] {
  const byPath = new Map(gradients.map((leaf) => [pathOf(leaf), leaf.tensor]));
  const matched = variables.map((leaf) => {
    const path = pathOf(leaf);
    const grad = byPath.get(path);
    if (grad === undefined) {
      throw new ShapeError(
        `checkGradients: a gradient for ${path} is missing. Return grads with the structure of params.`,
      );
    }
    if (formatShape(grad.shape) !== formatShape(leaf.tensor.shape)) {
      throw new ShapeError(
        `checkGradients: the gradient for ${path} must have shape ${formatShape(leaf.tensor.shape)} ` +
          `(got ${formatShape(grad.shape)}). Return each gradient in its variable's shape.`,
      );
    }
    byPath.delete(path);
    return grad;
  });

  const extra = [...byPath.keys()];
  if (extra.length > 0) {
    throw new ShapeError(
      `checkGradients: every gradient must belong to a variable (got ${extra.join(', ')} in ` +
        'addition). Return grads with the structure of params.',
    );
  }
  return matched;
}

function summarize(
  entries: readonly GradientEntry[],
  excused: readonly ExcusedEntry[],
  comparison: Comparison,
): GradientReport {
  const byError = [...entries].sort((a, b) => b.error - a.error);
  const failures = byError.filter((entry) => entry.error > comparison.tolerance);
  return {
    ok: failures.length === 0,
    worst: byError[0] ?? null,
    failures,
    excused,
    checked: entries.length + excused.length,
    tolerance: comparison.tolerance,
    step: comparison.step,
  };
}

/** Combines reports of the same step and tolerance into one, as if one check had run. */
export function mergeReports(
  reports: readonly GradientReport[],
  comparison: Comparison,
): GradientReport {
  const failures = reports.flatMap((report) => report.failures);
  const worstOfEach = reports.flatMap((report) => (report.worst === null ? [] : [report.worst]));
  const worst = worstOfEach.sort((a, b) => b.error - a.error)[0] ?? null;
  return {
    ok: reports.every((report) => report.ok),
    worst,
    failures: failures.sort((a, b) => b.error - a.error),
    excused: reports.flatMap((report) => report.excused),
    checked: reports.reduce((total, report) => total + report.checked, 0),
    tolerance: comparison.tolerance,
    step: comparison.step,
  };
}

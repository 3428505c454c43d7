import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DataError } from '@puregrad/tensor';

/** The folder of the PyTorch reference fixtures inside the repository. */
export const fixturesDir = fileURLToPath(new URL('../fixtures/', import.meta.url));

/** Nested number arrays as the fixture JSON stores them: a vector or a row-major matrix. */
export type Vector = readonly number[];
export type Matrix = readonly (readonly number[])[];

/** A layer of a fixture's network: optional batch norm of the input, `z = W x + b`, activation. */
export interface FixtureLayer {
  readonly inputs: number;
  readonly units: number;
  readonly activation: string;
  readonly batchNorm: { readonly momentum: number; readonly epsilon: number } | null;
}

/** The optimizer of a fixture, with PyTorch's hyperparameters under this library's names. */
export interface FixtureOptimizer {
  readonly kind: 'sgd' | 'adam' | 'adamw';
  readonly learningRate: number;
  readonly momentum?: number;
  readonly nesterov?: boolean;
  readonly beta1?: number;
  readonly beta2?: number;
  readonly epsilon?: number;
  readonly weightDecay?: number;
}

/** A layer's gradients: gamma and beta only where the layer has batch normalization. */
export interface FixtureLayerGradients {
  readonly weight: Matrix;
  readonly bias: Vector;
  readonly gamma?: Vector;
  readonly beta?: Vector;
}

/** A layer's params and running statistics, before the first step or after a step. */
export interface FixtureLayerValues extends FixtureLayerGradients {
  readonly runningMean?: Vector;
  readonly runningVariance?: Vector;
}

/** What one training step must produce, in the order the step computes it. */
export interface FixtureStep {
  readonly loss: number;
  readonly output: Matrix;
  readonly gradients: { readonly input: Matrix; readonly layers: readonly FixtureLayerGradients[] };
  readonly after: { readonly layers: readonly FixtureLayerValues[] };
}

/** One reference fixture, as test/fixtures/README.md describes the format. */
export interface Fixture {
  /** The file name, e.g. `dense-sigmoid-mse-sgd.json`. */
  readonly file: string;
  readonly name: string;
  readonly description: string;
  readonly dtype: 'float64';
  /** Relative tolerance: `|actual − expected| ≤ tolerance · max(1, |expected|)`. */
  readonly tolerance: number;
  readonly layers: readonly FixtureLayer[];
  readonly loss: 'mse' | 'softmax-cross-entropy';
  readonly optimizer: FixtureOptimizer;
  readonly initial: { readonly layers: readonly FixtureLayerValues[] };
  readonly batches: readonly { readonly input: Matrix; readonly target: Matrix }[];
  readonly expected: {
    readonly steps: readonly FixtureStep[];
    readonly inference: { readonly input: Matrix; readonly output: Matrix };
  };
}

function requireField(file: string, record: object, field: string, type: string): unknown {
  const value = (record as Record<string, unknown>)[field];
  let actual: string = typeof value;
  if (Array.isArray(value)) actual = 'array';
  if (value === null) actual = 'null';
  if (!type.split('|').includes(actual)) {
    throw new DataError({ file, field }, `expected ${type.replace('|', ' or ')}, got ${actual}`);
  }
  return value;
}

/**
 * Parses one fixture file and checks its top-level fields and that it has one expected step per
 * batch and one initial entry per layer. The numbers inside are checked where a test reads them.
 */
export function parseFixture(file: string, text: string): Fixture {
  const json = JSON.parse(text) as object;
  for (const field of ['name', 'description', 'loss']) requireField(file, json, field, 'string');
  for (const field of ['layers', 'batches']) requireField(file, json, field, 'array');
  for (const field of ['optimizer', 'initial', 'expected'])
    requireField(file, json, field, 'object');
  requireField(file, json, 'tolerance', 'number');
  if (requireField(file, json, 'dtype', 'string') !== 'float64') {
    throw new DataError({ file, field: 'dtype' }, 'expected "float64"');
  }

  const fixture = { ...json, file } as Fixture;
  if (fixture.expected.steps.length !== fixture.batches.length) {
    throw new DataError(
      { file, field: 'expected.steps' },
      `expected one step per batch (${fixture.batches.length}), got ${fixture.expected.steps.length}`,
    );
  }
  if (fixture.initial.layers.length !== fixture.layers.length) {
    throw new DataError(
      { file, field: 'initial.layers' },
      `expected one entry per layer (${fixture.layers.length}), got ${fixture.initial.layers.length}`,
    );
  }
  return fixture;
}

/** Loads every `*.json` fixture of a folder, sorted by file name. */
export function loadFixtures(dir: string = fixturesDir): Fixture[] {
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort();
  return files.map((file) => parseFixture(file, readFileSync(join(dir, file), 'utf8')));
}

/** The first element of `actual` outside the fixture tolerance, with its row-major index. */
export interface Mismatch {
  readonly index: number;
  readonly actual: number;
  readonly expected: number;
}

/**
 * Finds the first element where `|actual − expected| > tolerance · max(1, |expected|)`, or where
 * the element counts differ (reported at the first missing index). Returns null when all match.
 */
export function findMismatch(
  actual: ArrayLike<number>,
  expected: Vector | Matrix | number,
  tolerance: number,
): Mismatch | null {
  const flat = typeof expected === 'number' ? [expected] : (expected.flat() as number[]);
  const count = Math.max(flat.length, actual.length);
  for (let i = 0; i < count; i++) {
    const got = actual[i] ?? Number.NaN;
    const want = flat[i] ?? Number.NaN;
    if (!(Math.abs(got - want) <= tolerance * Math.max(1, Math.abs(want)))) {
      return { index: i, actual: got, expected: want };
    }
  }
  return null;
}

/**
 * Describes a mismatch for a test failure, e.g. `dense-sigmoid-mse-sgd.json, step 1, layer 2,
 * weight gradient, element 3: got 0.5, expected 0.25`. Steps and layers count from 1 and
 * elements from 0 in row-major order, as the fixture format asks.
 */
export function formatMismatch(
  fixture: Pick<Fixture, 'file'>,
  step: number,
  label: string,
  mismatch: Mismatch,
): string {
  return (
    `${fixture.file}, step ${step}, ${label}, element ${mismatch.index}: ` +
    `got ${mismatch.actual}, expected ${mismatch.expected}`
  );
}

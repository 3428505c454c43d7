import { DataError, InvalidArgumentError } from '@puregrad/tensor';
import { optimizerFromConfig, type OptimizerConfig } from '@puregrad/optim';
import type {
  FixtureLayer,
  FixtureLayerGrads,
  FixtureLayerValues,
  Matrix,
  Vector,
} from './fixture.js';

// The checks behind parseFixture: each reader returns the typed value or throws a DataError that
// names the field, e.g. `expected.steps[1].gradients.layers[0].gamma[3]`.

export type Json = Readonly<Record<string, unknown>>;

const ACTIVATIONS = ['relu', 'sigmoid', 'identity', 'tanh', 'leakyRelu'];

/** Reads the fields of one fixture file and throws a DataError that names the first bad one. */
export class FieldReader {
  constructor(private readonly file: string | undefined) {}

  fail(field: string, problem: string): never {
    const location = this.file === undefined ? { field } : { file: this.file, field };
    throw new DataError(location, problem);
  }

  record(value: unknown, field: string): Json {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      this.fail(field, `must be an object (got ${describe(value)})`);
    }
    return value as Json;
  }

  array(value: unknown, field: string, length?: number): readonly unknown[] {
    if (!Array.isArray(value)) this.fail(field, `must be an array (got ${describe(value)})`);
    if (length !== undefined && value.length !== length) {
      this.fail(field, `must have ${length} entries (got ${value.length})`);
    }
    return value;
  }

  number(value: unknown, field: string): number {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      this.fail(field, `must be a finite number (got ${describe(value)})`);
    }
    return value;
  }

  count(value: unknown, field: string): number {
    if (!Number.isInteger(value) || (value as number) < 1) {
      this.fail(field, `must be a positive integer (got ${describe(value)})`);
    }
    return value as number;
  }

  oneOf<T extends string>(value: unknown, field: string, options: readonly string[]): T {
    if (typeof value !== 'string' || !options.includes(value)) {
      this.fail(field, `must be one of ${options.join(', ')} (got ${describe(value)})`);
    }
    return value as T;
  }

  vector(value: unknown, field: string, length: number): Vector {
    const entries = this.array(value, field, length);
    entries.forEach((entry, i) => this.number(entry, `${field}[${i}]`));
    return entries as Vector;
  }

  matrix(value: unknown, field: string, rows: number | undefined, cols: number): Matrix {
    const entries = this.array(value, field, rows);
    if (entries.length === 0) this.fail(field, 'must have at least one row (got none)');
    entries.forEach((row, i) => this.vector(row, `${field}[${i}]`, cols));
    return entries as Matrix;
  }
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  return JSON.stringify(value) ?? String(value);
}

function readLayer(reader: FieldReader, value: unknown, field: string): FixtureLayer {
  const layer = reader.record(value, field);
  const inputs = reader.count(layer['inputs'], `${field}.inputs`);
  const units = reader.count(layer['units'], `${field}.units`);
  const activation = reader.oneOf<FixtureLayer['activation']>(
    layer['activation'],
    `${field}.activation`,
    ACTIVATIONS,
  );
  if (layer['batchNorm'] === null) return { inputs, units, activation, batchNorm: null };

  const batchNorm = reader.record(layer['batchNorm'], `${field}.batchNorm`);
  const momentum = reader.number(batchNorm['momentum'], `${field}.batchNorm.momentum`);
  const epsilon = reader.number(batchNorm['epsilon'], `${field}.batchNorm.epsilon`);
  return { inputs, units, activation, batchNorm: { momentum, epsilon } };
}

export function readLayers(reader: FieldReader, value: unknown): readonly FixtureLayer[] {
  const entries = reader.array(value, 'layers');
  if (entries.length === 0) reader.fail('layers', 'must list at least one layer (got none)');
  const layers = entries.map((entry, i) => readLayer(reader, entry, `layers[${i}]`));
  layers.forEach((layer, i) => {
    const previous = layers[i - 1];
    if (previous !== undefined && layer.inputs !== previous.units) {
      reader.fail(
        `layers[${i}].inputs`,
        `must equal the units of the layer before (${previous.units}, got ${layer.inputs})`,
      );
    }
  });
  return layers;
}

export function readGrads(
  reader: FieldReader,
  value: unknown,
  field: string,
  layer: FixtureLayer,
): FixtureLayerGrads {
  const entry = reader.record(value, field);
  const weight = reader.matrix(entry['weight'], `${field}.weight`, layer.units, layer.inputs);
  const bias = reader.vector(entry['bias'], `${field}.bias`, layer.units);
  if (layer.batchNorm === null) return { weight, bias };
  const gamma = reader.vector(entry['gamma'], `${field}.gamma`, layer.inputs);
  const beta = reader.vector(entry['beta'], `${field}.beta`, layer.inputs);
  return { gamma, beta, weight, bias };
}

export function readValues(
  reader: FieldReader,
  value: unknown,
  field: string,
  layers: readonly FixtureLayer[],
): readonly FixtureLayerValues[] {
  const entries = reader.array(value, field, layers.length);
  return entries.map((entry, i) => {
    const layer = layers[i] as FixtureLayer;
    const at = `${field}[${i}]`;
    const grads = readGrads(reader, entry, at, layer);
    if (layer.batchNorm === null) return grads;
    const stats = entry as Json;
    const runningMean = reader.vector(stats['runningMean'], `${at}.runningMean`, layer.inputs);
    const runningVariance = reader.vector(
      stats['runningVariance'],
      `${at}.runningVariance`,
      layer.inputs,
    );
    return { ...grads, runningMean, runningVariance };
  });
}

export function readOptimizer(reader: FieldReader, value: unknown): OptimizerConfig {
  const config = reader.record(value, 'optimizer');
  reader.oneOf(config['kind'], 'optimizer.kind', ['sgd', 'adam', 'adamw']);
  try {
    optimizerFromConfig(config as OptimizerConfig);
  } catch (error) {
    if (!(error instanceof InvalidArgumentError)) throw error;
    reader.fail('optimizer', `is invalid: ${error.message}`);
  }
  return config as OptimizerConfig;
}

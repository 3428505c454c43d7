import { left, right, type Either } from 'fp-ts/lib/Either.js';
import { DataError } from '@puregrad/tensor';
import type { Fixture, FixtureLayer, FixtureStep } from './fixture.js';
import {
  FieldReader,
  readGrads,
  readLayers,
  readOptimizer,
  readValues,
  type Json,
} from './fixtureFields.js';

const LOSSES = ['mse', 'softmax-cross-entropy'];

/**
 * Parses a fixture's JSON value and checks every field against the format: types, finite
 * numbers, matrix shapes that follow the layers' sizes, one expected step per batch and one entry
 * per layer. Returns a DataError naming the file (when given) and the first bad field on the left.
 *
 * @example
 * const parsed = parseFixture(JSON.parse(text), 'dense-sigmoid-mse-sgd.json');
 */
export function parseFixture(json: unknown, file?: string): Either<DataError, Fixture> {
  try {
    return right(readFixture(new FieldReader(file), json));
  } catch (error) {
    if (error instanceof DataError) return left(error);
    throw error;
  }
}

function readFixture(reader: FieldReader, json: unknown): Fixture {
  const root = reader.record(json, 'the fixture');
  const name = text(reader, root, 'name');
  const description = text(reader, root, 'description');
  const dtype = reader.oneOf<Fixture['dtype']>(root['dtype'], 'dtype', ['float32', 'float64']);
  const tolerance = reader.number(root['tolerance'], 'tolerance');
  if (tolerance <= 0) reader.fail('tolerance', `must be > 0 (got ${tolerance})`);
  const layers = readLayers(reader, root['layers']);
  const loss = reader.oneOf<Fixture['loss']>(root['loss'], 'loss', LOSSES);
  const optimizer = readOptimizer(reader, root['optimizer']);

  const initial = reader.record(root['initial'], 'initial');
  const initialLayers = readValues(reader, initial['layers'], 'initial.layers', layers);
  const batches = readBatches(reader, root['batches'], layers);
  const expected = reader.record(root['expected'], 'expected');
  const steps = reader.array(expected['steps'], 'expected.steps', batches.length);
  const inference = readInference(reader, expected['inference'], layers);

  return {
    name,
    description,
    dtype,
    tolerance,
    layers,
    loss,
    optimizer,
    initial: { layers: initialLayers },
    batches,
    expected: {
      steps: steps.map((step, i) =>
        readStep(reader, step, `expected.steps[${i}]`, layers, batches[i]!.input.length),
      ),
      inference,
    },
  };
}

function text(reader: FieldReader, record: Json, field: string): string {
  const value = record[field];
  if (typeof value !== 'string') reader.fail(field, `must be a string (got ${typeof value})`);
  return value;
}

function edges(layers: readonly FixtureLayer[]): { inputs: number; outputs: number } {
  return { inputs: layers[0]!.inputs, outputs: layers[layers.length - 1]!.units };
}

function readBatches(reader: FieldReader, value: unknown, layers: readonly FixtureLayer[]) {
  const { inputs, outputs } = edges(layers);
  const entries = reader.array(value, 'batches');
  if (entries.length === 0) reader.fail('batches', 'must list at least one batch (got none)');
  return entries.map((entry, i) => {
    const batch = reader.record(entry, `batches[${i}]`);
    const input = reader.matrix(batch['input'], `batches[${i}].input`, undefined, inputs);
    const target = reader.matrix(batch['target'], `batches[${i}].target`, input.length, outputs);
    return { input, target };
  });
}

function readStep(
  reader: FieldReader,
  value: unknown,
  field: string,
  layers: readonly FixtureLayer[],
  rows: number,
): FixtureStep {
  const { inputs, outputs } = edges(layers);
  const step = reader.record(value, field);
  const loss = reader.number(step['loss'], `${field}.loss`);
  const output = reader.matrix(step['output'], `${field}.output`, rows, outputs);

  const gradients = reader.record(step['gradients'], `${field}.gradients`);
  const input = reader.matrix(gradients['input'], `${field}.gradients.input`, rows, inputs);
  const gradLayers = reader.array(gradients['layers'], `${field}.gradients.layers`, layers.length);
  const grads = gradLayers.map((entry, i) =>
    readGrads(reader, entry, `${field}.gradients.layers[${i}]`, layers[i]!),
  );

  const after = reader.record(step['after'], `${field}.after`);
  const afterLayers = readValues(reader, after['layers'], `${field}.after.layers`, layers);
  return { loss, output, gradients: { input, layers: grads }, after: { layers: afterLayers } };
}

function readInference(reader: FieldReader, value: unknown, layers: readonly FixtureLayer[]) {
  const { inputs, outputs } = edges(layers);
  const inference = reader.record(value, 'expected.inference');
  const input = reader.matrix(inference['input'], 'expected.inference.input', undefined, inputs);
  const output = reader.matrix(
    inference['output'],
    'expected.inference.output',
    input.length,
    outputs,
  );
  return { input, output };
}

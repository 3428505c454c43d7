import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFixture, replayFixture, verifyFixture, type Fixture } from '@puregrad/train';
import { fixturesDir } from './helpers/fixtures.js';

// The five PyTorch fixtures; fewer means one was lost or renamed.
const EXPECTED_FIXTURES = 5;
const files = readdirSync(fixturesDir)
  .filter((name) => name.endsWith('.json'))
  .sort();
const jsonOf = (file: string): unknown => JSON.parse(readFileSync(join(fixturesDir, file), 'utf8'));

// fp-ts's Either is a tagged union; the test package reads the tag itself rather than depend on
// fp-ts.
function parsed(json: unknown, file: string): Fixture {
  const result = parseFixture(json, file);
  if (result._tag === 'Left') throw result.left;
  return result.right;
}

describe('fixture replay', () => {
  it('finds every fixture', () => {
    expect(files).toHaveLength(EXPECTED_FIXTURES);
  });

  // Every step's loss, output, input gradient, layer grads, params and running statistics after
  // the optimizer step, and the inference pass, within the fixture's own relative tolerance.
  it.each(files)('%s matches every step', (file) => {
    const report = replayFixture(parsed(jsonOf(file), file));
    expect(report.mismatches.slice(0, 5)).toEqual([]);
    expect(report.compared).toBeGreaterThan(0);
  });

  it.each(files)('%s verifies through verifyFixture', (file) => {
    const outcome = verifyFixture(jsonOf(file), file);
    expect(outcome._tag).toBe('Right');
    if (outcome._tag === 'Right') expect(outcome.right.mismatch).toBeUndefined();
  });
});

describe('fixture replay failures', () => {
  const file = 'dense-bn-relu-nesterov.json';

  it('changed number is located', () => {
    const json = jsonOf(file) as {
      expected: { steps: { after: { layers: { gamma: number[] }[] } }[] };
    };
    const gamma = json.expected.steps[1]!.after.layers[0]!.gamma;
    gamma[3] = (gamma[3] as number) + 1e-3;
    const report = replayFixture(parsed(json, file));
    expect(report.mismatches.map((mismatch) => mismatch.location)).toEqual([
      'step 2, layer 1, gamma[3]',
    ]);
    expect(report.worst?.ratio).toBeGreaterThan(1);
  });

  it('changed inference output is located', () => {
    const json = jsonOf(file) as { expected: { inference: { output: number[][] } } };
    json.expected.inference.output[1]![2]! *= 2;
    const report = replayFixture(parsed(json, file));
    // Row 1, column 2 of an output with three columns is element 5 in row-major order.
    expect(report.mismatches.map((mismatch) => mismatch.location)).toEqual([
      'inference, output[5]',
    ]);
  });

  it('changed input gradient is located', () => {
    const json = jsonOf(file) as { expected: { steps: { gradients: { input: number[][] } }[] } };
    json.expected.steps[2]!.gradients.input[0]![1]! += 0.5;
    const report = replayFixture(parsed(json, file));
    expect(report.mismatches.map((mismatch) => mismatch.location)).toEqual([
      'step 3, input gradient[1]',
    ]);
  });

  it('changed loss is located', () => {
    const json = jsonOf(file) as { expected: { steps: { loss: number }[] } };
    json.expected.steps[0]!.loss += 1;
    const outcome = verifyFixture(json, file);
    expect(outcome._tag).toBe('Right');
    if (outcome._tag === 'Right') expect(outcome.right.mismatch?.location).toBe('step 1, loss');
  });

  it.each([
    [
      'missing tolerance',
      (json: Record<string, unknown>) => delete json['tolerance'],
      'field "tolerance"',
    ],
    [
      'short gradient row',
      (json: Record<string, unknown>) => {
        const steps = (json['expected'] as { steps: { gradients: { input: number[][] } }[] }).steps;
        steps[0]!.gradients.input[1]!.pop();
      },
      'field "expected.steps[0].gradients.input[1]"',
    ],
    [
      'text in a weight',
      (json: Record<string, unknown>) => {
        const layers = (json['initial'] as { layers: { weight: unknown[][] }[] }).layers;
        layers[1]!.weight[0]![2] = 'x';
      },
      'field "initial.layers[1].weight[0][2]"',
    ],
    [
      'unknown optimizer',
      (json: Record<string, unknown>) => {
        json['optimizer'] = { kind: 'rmsprop', learningRate: 0.1 };
      },
      'field "optimizer.kind"',
    ],
    [
      'negative learning rate',
      (json: Record<string, unknown>) => {
        json['optimizer'] = { kind: 'sgd', learningRate: -1 };
      },
      'field "optimizer"',
    ],
  ] as const)('%s is rejected with its field', (_name, damage, field) => {
    const json = jsonOf(file) as Record<string, unknown>;
    damage(json);
    const result = parseFixture(json, file);
    expect(result._tag).toBe('Left');
    if (result._tag === 'Left') {
      expect(result.left.message).toContain(file);
      expect(result.left.message).toContain(field);
    }
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '@puregrad/tensor';
import {
  constantSchedule,
  cosineDecaySchedule,
  linearWarmupSchedule,
  scheduleFromConfig,
  stepDecaySchedule,
} from '@puregrad/optim';

describe('schedules', () => {
  it('constant returns its value', () => {
    const schedule = constantSchedule(0.01);
    expect([0, 1, 1000].map(schedule)).toEqual([0.01, 0.01, 0.01]);
  });

  it('step decay drops after each step size', () => {
    const schedule = stepDecaySchedule({ initialValue: 1, decayRate: 0.5, stepSize: 3 });
    expect([0, 2, 3, 5, 6, 9].map(schedule)).toEqual([1, 1, 0.5, 0.5, 0.25, 0.125]);
  });

  it('cosine decay runs from the initial to the final value', () => {
    const schedule = cosineDecaySchedule({ initialValue: 2, decaySteps: 4, alpha: 0.1 });
    expect(schedule(0)).toBe(2);
    // Halfway the cosine term is ½, so the value is 2·(0.9·½ + 0.1) = 1.1 up to rounding.
    expect(schedule(2)).toBeCloseTo(1.1, 15);
    expect(schedule(4)).toBeCloseTo(0.2, 15);
    expect(schedule(100)).toBe(schedule(4));
  });

  it('linear warm-up rises then hands over', () => {
    const after = constantSchedule(0.5);
    const schedule = linearWarmupSchedule({ peakValue: 1, warmupSteps: 4, after });
    expect([0, 1, 2, 3].map(schedule)).toEqual([0, 0.25, 0.5, 0.75]);
    expect(schedule(4)).toBe(0.5);
    const plain = linearWarmupSchedule({ initialValue: 0.5, peakValue: 1, warmupSteps: 2 });
    expect([0, 1, 2, 50].map(plain)).toEqual([0.5, 0.75, 1, 1]);
  });

  it('cosine decay never leaves its range', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 1, max: 1000 }),
        (step, steps) => {
          const value = cosineDecaySchedule({ initialValue: 1, decaySteps: steps, alpha: 0.2 })(
            step,
          );
          // The cosine term rounds within a few ulps of [0, 1].
          expect(value).toBeGreaterThanOrEqual(0.2 - 1e-15);
          expect(value).toBeLessThanOrEqual(1 + 1e-15);
        },
      ),
    );
  });

  it('config rebuilds the same schedule', () => {
    const schedules = [
      constantSchedule(0.3),
      stepDecaySchedule({ initialValue: 1, decayRate: 0.1, stepSize: 10 }),
      cosineDecaySchedule({ initialValue: 1, decaySteps: 50 }),
      linearWarmupSchedule({
        peakValue: 1,
        warmupSteps: 5,
        after: cosineDecaySchedule({ initialValue: 1, decaySteps: 20 }),
      }),
    ];
    for (const schedule of schedules) {
      const rebuilt = scheduleFromConfig(JSON.parse(JSON.stringify(schedule.config)));
      const steps = [0, 1, 4, 5, 7, 30, 100];
      expect(steps.map(rebuilt)).toEqual(steps.map(schedule));
    }
  });

  it.each([
    ['negative value', () => constantSchedule(-1), /constantSchedule: value must be/],
    [
      'zero step size',
      () => stepDecaySchedule({ initialValue: 1, decayRate: 0.5, stepSize: 0 }),
      /stepSize must be an integer ≥ 1/,
    ],
    [
      'fractional decay steps',
      () => cosineDecaySchedule({ initialValue: 1, decaySteps: 2.5 }),
      /decaySteps must be an integer/,
    ],
    [
      'alpha above 1',
      () => cosineDecaySchedule({ initialValue: 1, decaySteps: 2, alpha: 2 }),
      /alpha must be in \[0, 1\]/,
    ],
    [
      'unknown kind',
      () => scheduleFromConfig({ kind: 'exponential' } as never),
      /scheduleFromConfig: kind must be/,
    ],
  ] as const)('%s is rejected', (_name, build, message) => {
    expect(build).toThrow(InvalidArgumentError);
    expect(build).toThrow(message);
  });
});

import { InvalidArgumentError } from '@puregrad/tensor';
import { checkInteger, checkNonNegative } from './validate.js';

/** A JSON description of a schedule, enough to rebuild it with `scheduleFromConfig`. */
export type ScheduleConfig =
  | { readonly kind: 'constant'; readonly value: number }
  | {
      readonly kind: 'stepDecay';
      readonly initialValue: number;
      readonly decayRate: number;
      readonly stepSize: number;
    }
  | {
      readonly kind: 'cosineDecay';
      readonly initialValue: number;
      readonly decaySteps: number;
      readonly alpha: number;
    }
  | {
      readonly kind: 'linearWarmup';
      readonly initialValue: number;
      readonly peakValue: number;
      readonly warmupSteps: number;
      readonly after?: ScheduleConfig;
    };

/**
 * A learning-rate schedule: a function of the 0-based step count (the number of updates taken
 * before this one) that returns the learning rate, with the config that rebuilds it.
 */
export interface Schedule {
  (step: number): number;
  readonly config: ScheduleConfig;
}

/** A learning rate: a fixed number or a schedule of the step count. */
export type LearningRate = number | Schedule;

/** The config of a learning rate: the number itself or the schedule's config. */
export type LearningRateConfig = number | ScheduleConfig;

function makeSchedule(config: ScheduleConfig, valueAt: (step: number) => number): Schedule {
  return Object.freeze(Object.assign((step: number) => valueAt(step), { config }));
}

/** Creates the schedule that returns `value` at every step. */
export function constantSchedule(value: number): Schedule {
  checkNonNegative('constantSchedule', 'value', value, 'Pass a learning rate such as 1e-3');
  return makeSchedule({ kind: 'constant', value }, () => value);
}

/**
 * Creates a step decay: `initialValue · decayRate^⌊step / stepSize⌋`, so the rate drops by the
 * factor `decayRate` after every `stepSize` steps (PyTorch's StepLR with gamma = decayRate).
 */
export function stepDecaySchedule(options: {
  readonly initialValue: number;
  readonly decayRate: number;
  readonly stepSize: number;
}): Schedule {
  const { initialValue, decayRate, stepSize } = options;
  const fn = 'stepDecaySchedule';
  checkNonNegative(fn, 'initialValue', initialValue, 'Pass a learning rate such as 1e-2');
  checkNonNegative(fn, 'decayRate', decayRate, 'Pass a factor such as 0.5');
  checkInteger(fn, 'stepSize', stepSize, 1);
  return makeSchedule(
    { kind: 'stepDecay', initialValue, decayRate, stepSize },
    (step) => initialValue * decayRate ** Math.floor(step / stepSize),
  );
}

/**
 * Creates a cosine decay from `initialValue` to `alpha · initialValue` over `decaySteps` steps:
 * `initialValue · ((1 − alpha) · ½(1 + cos(π · min(step, decaySteps) / decaySteps)) + alpha)`,
 * constant after `decaySteps`.
 */
export function cosineDecaySchedule(options: {
  readonly initialValue: number;
  readonly decaySteps: number;
  readonly alpha?: number;
}): Schedule {
  const { initialValue, decaySteps, alpha = 0 } = options;
  const fn = 'cosineDecaySchedule';
  checkNonNegative(fn, 'initialValue', initialValue, 'Pass a learning rate such as 1e-2');
  checkInteger(fn, 'decaySteps', decaySteps, 1);
  if (!(alpha >= 0 && alpha <= 1)) {
    throw new InvalidArgumentError(
      `${fn}: alpha must be in [0, 1] (got ${String(alpha)}). Pass the final rate as a fraction of the initial one.`,
    );
  }
  return makeSchedule({ kind: 'cosineDecay', initialValue, decaySteps, alpha }, (step) => {
    const progress = Math.min(step, decaySteps) / decaySteps;
    const cosine = 0.5 * (1 + Math.cos(Math.PI * progress));
    return initialValue * ((1 - alpha) * cosine + alpha);
  });
}

/**
 * Creates a linear warm-up: `initialValue + (peakValue − initialValue) · step / warmupSteps` for
 * step < warmupSteps, then `after(step − warmupSteps)`, or `peakValue` when no `after` is given.
 */
export function linearWarmupSchedule(options: {
  readonly initialValue?: number;
  readonly peakValue: number;
  readonly warmupSteps: number;
  readonly after?: Schedule;
}): Schedule {
  const { initialValue = 0, peakValue, warmupSteps, after } = options;
  const fn = 'linearWarmupSchedule';
  checkNonNegative(fn, 'initialValue', initialValue, 'Pass the rate to start from, often 0');
  checkNonNegative(fn, 'peakValue', peakValue, 'Pass the rate to reach, such as 1e-3');
  checkInteger(fn, 'warmupSteps', warmupSteps, 1);
  const config: ScheduleConfig = {
    kind: 'linearWarmup',
    initialValue,
    peakValue,
    warmupSteps,
    ...(after === undefined ? {} : { after: after.config }),
  };
  return makeSchedule(config, (step) => {
    if (step < warmupSteps) return initialValue + ((peakValue - initialValue) * step) / warmupSteps;
    return after === undefined ? peakValue : after(step - warmupSteps);
  });
}

/** Rebuilds a schedule from its config; rejects an unknown kind. */
export function scheduleFromConfig(config: ScheduleConfig): Schedule {
  switch (config.kind) {
    case 'constant':
      return constantSchedule(config.value);
    case 'stepDecay':
      return stepDecaySchedule(config);
    case 'cosineDecay':
      return cosineDecaySchedule(config);
    case 'linearWarmup': {
      const after = config.after === undefined ? undefined : scheduleFromConfig(config.after);
      return linearWarmupSchedule({ ...config, after });
    }
  }
  const kind = (config as { kind?: unknown }).kind;
  throw new InvalidArgumentError(
    `scheduleFromConfig: kind must be constant, stepDecay, cosineDecay or linearWarmup (got ${String(kind)}). Fix the config's kind.`,
  );
}

/**
 * Checks a learning rate once, where an optimizer is built, and returns it as a function of the
 * step count with its config. A negative or non-finite number is rejected, and so is a function
 * without a config that `scheduleFromConfig` rebuilds: the optimizer's config must describe its
 * rate. A schedule's value is checked at every step, since a custom one may leave [0, ∞).
 */
export function resolveLearningRate(
  fn: string,
  learningRate: LearningRate,
): { readonly at: (step: number) => number; readonly config: LearningRateConfig } {
  if (typeof learningRate === 'function') {
    checkScheduleConfig(fn, learningRate);
    return { at: (step) => checkedRate(fn, learningRate, step), config: learningRate.config };
  }
  checkNonNegative(fn, 'learningRate', learningRate, 'Pass a learning rate such as 1e-3');
  return { at: () => learningRate, config: learningRate };
}

function rebuilds(config: unknown): boolean {
  if (config === null || typeof config !== 'object') return false;
  try {
    scheduleFromConfig(config as ScheduleConfig);
    return true;
  } catch {
    return false;
  }
}

function checkScheduleConfig(fn: string, schedule: Schedule): void {
  const config = (schedule as { config?: unknown }).config;
  if (!rebuilds(config)) {
    throw new InvalidArgumentError(
      `${fn}: a learningRate function must be a schedule with a valid config (got ${config === undefined ? 'a function without a config' : JSON.stringify(config)}). Build it with constantSchedule, stepDecaySchedule, cosineDecaySchedule or linearWarmupSchedule, or pass a number.`,
    );
  }
}

function checkedRate(fn: string, schedule: Schedule, step: number): number {
  const value = schedule(step);
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new InvalidArgumentError(
      `${fn}: the learning rate at step ${step} must be a finite number ≥ 0 (got ${String(value)}). Fix the schedule so that it stays in [0, ∞).`,
    );
  }
  return value;
}

/** Rebuilds a learning rate (a number or a schedule) from its config. */
export function learningRateFromConfig(config: LearningRateConfig): LearningRate {
  return typeof config === 'number' ? config : scheduleFromConfig(config);
}

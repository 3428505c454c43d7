import { describe, expect, it } from 'vitest';
import { tensor, toArray } from '@puregrad/tensor';
import { applyUpdates, sgd, stepDecaySchedule } from '@puregrad/optim';

// Hand-computed cases in float64, where these few operations are exact or off by one rounding,
// so the tolerance is 1e-15 relative.
const closeTo = (actual: number[], expected: number[]): void => {
  expected.forEach((value, i) => expect(actual[i]).toBeCloseTo(value, 14));
};

describe('sgd', () => {
  const params = { w: tensor([1, -2], { dtype: 'float64' }) };
  const grads = { w: tensor([0.5, 4], { dtype: 'float64' }) };

  it('plain step subtracts lr times the gradient', () => {
    const optimizer = sgd({ learningRate: 0.1 });
    const { updates } = optimizer.update(grads, optimizer.init(params), params);
    closeTo(toArray(applyUpdates(params, updates).w), [0.95, -2.4]);
  });

  it('momentum accumulates the velocity', () => {
    const optimizer = sgd({ learningRate: 0.1, momentum: 0.9 });
    const first = optimizer.update(grads, optimizer.init(params), params);
    const second = optimizer.update(grads, first.optState, params);

    // First step: v = g. Second step: v = 0.9·g + g = 1.9·g.
    closeTo(toArray((first.updates as typeof grads).w), [-0.05, -0.4]);
    closeTo(toArray((second.updates as typeof grads).w), [-0.095, -0.76]);
  });

  it('nesterov steps along g plus momentum times v', () => {
    const optimizer = sgd({ learningRate: 0.1, momentum: 0.9, nesterov: true });
    const first = optimizer.update(grads, optimizer.init(params), params);
    const second = optimizer.update(grads, first.optState, params);

    // First step: v = g, update −lr·(g + 0.9·g). Second: v = 1.9·g, update −lr·(g + 1.71·g).
    closeTo(toArray((first.updates as typeof grads).w), [-0.095, -0.76]);
    closeTo(toArray((second.updates as typeof grads).w), [-0.1355, -1.084]);
  });

  it('learning rate schedule reads the step count', () => {
    const halving = stepDecaySchedule({ initialValue: 0.1, decayRate: 0.5, stepSize: 1 });
    const optimizer = sgd({ learningRate: halving });
    const first = optimizer.update(grads, optimizer.init(params), params);
    const second = optimizer.update(grads, first.optState, params);
    closeTo(toArray((second.updates as typeof grads).w), [-0.025, -0.2]);
  });
});

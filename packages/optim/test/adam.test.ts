import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tensor, toArray, type Tensor } from '@puregrad/tensor';
import { adam, adamw, applyUpdates } from '@puregrad/optim';

describe('adam', () => {
  it('first two steps match the formula', () => {
    const params = { w: tensor([1, 2], { dtype: 'float64' }) };
    const optimizer = adam({ learningRate: 0.1 });
    const g1 = { w: tensor([0.2, -3], { dtype: 'float64' }) };
    const g2 = { w: tensor([0.4, 1], { dtype: 'float64' }) };
    const first = optimizer.update(g1, optimizer.init(params), params);
    const second = optimizer.update(g2, first.optState, params);

    // The recurrence written out with t = 2: m = 0.9·0.1·g1 + 0.1·g2, v likewise with squares.
    const expected = [0, 1].map((i) => {
      const a = [0.2, -3][i] as number;
      const b = [0.4, 1][i] as number;
      const m = 0.9 * (0.1 * a) + 0.1 * b;
      const v = 0.999 * (0.001 * a * a) + 0.001 * b * b;
      return (-0.1 * (m / (1 - 0.9 ** 2))) / (Math.sqrt(v / (1 - 0.999 ** 2)) + 1e-8);
    });
    const actual = toArray((second.updates as { w: Tensor }).w);
    // A kernel may order these float64 operations differently, which moves the last few bits:
    // 1e-14 absolute on steps of size about 0.1.
    expected.forEach((value, i) => expect(actual[i]).toBeCloseTo(value, 14));
    expect(toArray(second.optState.count)).toEqual([2]);
  });

  it('first step is minus lr times sign of g', () => {
    const learningRate = 1e-3;
    const magnitude = fc.double({ min: 1e-3, max: 1e6, noNaN: true });
    fc.assert(
      fc.property(magnitude, fc.boolean(), (size, negative) => {
        const g = negative ? -size : size;
        const params = { w: tensor([0.5], { dtype: 'float64' }) };
        const optimizer = adam({ learningRate });
        const { updates } = optimizer.update(
          { w: tensor([g], { dtype: 'float64' }) },
          optimizer.init(params),
          params,
        );
        const step = toArray((updates as { w: Tensor }).w)[0] as number;

        // m̂ = g and v̂ = g² exactly in real arithmetic, so the step is −lr·g/(|g| + ε), which is
        // within lr·ε/|g| ≤ 1e-5·lr of −lr·sign(g) for |g| ≥ 1e-3.
        expect(Math.abs(step + learningRate * Math.sign(g))).toBeLessThanOrEqual(
          1e-4 * learningRate,
        );
      }),
    );
  });
});

describe('adamw', () => {
  it('decays params before the adam step', () => {
    const params = { w: tensor([2, -4], { dtype: 'float64' }) };
    const grads = { w: tensor([1, 1], { dtype: 'float64' }) };
    const optimizer = adamw({ learningRate: 0.1, weightDecay: 0.5 });
    const { updates } = optimizer.update(grads, optimizer.init(params), params);
    const next = toArray(applyUpdates(params, updates).w);

    // PyTorch's order: p·(1 − lr·λ) − lr·g/(|g| + ε); the sum differs from it by rounding only,
    // so the check allows 1e-15 relative.
    const adamStep = (0.1 * 1) / (1 + 1e-8);
    expect(next[0]).toBeCloseTo(2 * (1 - 0.05) - adamStep, 14);
    expect(next[1]).toBeCloseTo(-4 * (1 - 0.05) - adamStep, 14);
  });

  it('update without params is rejected', () => {
    const params = { w: tensor([2], { dtype: 'float64' }) };
    const optimizer = adamw();
    expect(() => optimizer.update(params, optimizer.init(params))).toThrow(
      /adamw: params must be given/,
    );
  });
});

import { ShapeError, tensor, toArray, type FloatTensor } from '@puregrad/tensor';
import {
  identity,
  leakyRelu,
  leakyReluWithSlope,
  relu,
  sigmoid,
  tanh,
  type Activation,
} from '@puregrad/nn';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  centralDifference,
  expectClose,
  f64,
  matrixArbitrary,
  snapshot,
} from '../helpers/numeric.js';

const z = f64([-2, -0.5, 0, 0.5, 2]);

describe('relu', () => {
  it('clamps negatives to zero', () => {
    expect(toArray(relu.apply(z))).toEqual([0, 0, 0, 0.5, 2]);
  });

  it('has derivative 0 at 0, as PyTorch', () => {
    expect(toArray(relu.derivative!(z))).toEqual([0, 0, 0, 1, 1]);
  });

  it('keeps NaN', () => {
    expect(Number.isNaN(toArray(relu.apply(f64([NaN])))[0])).toBe(true);
  });
});

describe('leakyRelu', () => {
  it('scales negatives by 0.01 by default', () => {
    expect(toArray(leakyRelu.apply(z))).toEqual([-0.02, -0.005, 0, 0.5, 2]);
    expect(leakyRelu.slope).toBe(0.01);
  });

  it('has derivative slope at 0, as PyTorch', () => {
    expect(toArray(leakyRelu.derivative!(z))).toEqual([0.01, 0.01, 0.01, 1, 1]);
  });

  it('takes another slope', () => {
    const fn = leakyReluWithSlope(0.2);
    expect(toArray(fn.apply(f64([-1, 3])))).toEqual([-0.2, 3]);
    expect(fn.slope).toBe(0.2);
  });

  it('rejects a slope that is not finite', () => {
    expect(() => leakyReluWithSlope(NaN)).toThrow(/slope must be a finite number \(got NaN\)/);
  });
});

describe('sigmoid', () => {
  it('matches hand values', () => {
    // σ(0) = 1/2 exactly; σ(ln 3) = 3/4 and σ(−ln 3) = 1/4 up to rounding of ln 3 (float64).
    const values = toArray(sigmoid.apply(f64([0, Math.log(3), -Math.log(3)])));
    expectClose(values, [0.5, 0.75, 0.25], 1e-15);
  });

  it('is finite and exact at ±1000', () => {
    expect(toArray(sigmoid.apply(f64([1000, -1000])))).toEqual([1, 0]);
    expect(toArray(sigmoid.derivative!(f64([1000, -1000])))).toEqual([0, 0]);
  });

  it('stays exact in float32 at ±100', () => {
    const values = toArray(sigmoid.apply(tensor([100, -100]) as FloatTensor));
    expect(values[0]).toBe(1);
    expect(values[1]).toBeGreaterThan(0);
    expect(values[1]).toBeLessThan(1e-43);
  });

  it('has derivative σ(1 − σ), 1/4 at 0', () => {
    expect(toArray(sigmoid.derivative!(f64([0])))).toEqual([0.25]);
  });

  it('has accurate derivative for large |z|', () => {
    // σ'(z) = e^{−|z|} / (1 + e^{−|z|})², and the denominator rounds to 1 for |z| ≥ 37.
    const expected = Math.exp(-40);
    for (const dtype of ['float32', 'float64'] as const) {
      const values = toArray(sigmoid.derivative!(tensor([40, -40], { dtype }) as FloatTensor));
      // float32 output rounds once, by at most 2⁻²⁴ relative.
      const tolerance = dtype === 'float32' ? 2 ** -23 : 1e-14;
      for (const value of values) {
        expect(Math.abs(value - expected) / expected).toBeLessThan(tolerance);
      }
    }
  });

  it('has a symmetric derivative and vjp', () => {
    fc.assert(
      fc.property(fc.double({ min: -700, max: 700, noNaN: true }), (value) => {
        const derivative = toArray(sigmoid.derivative!(f64([value, -value])));
        expect(derivative[0]).toBe(derivative[1]);
        const vjp = toArray(sigmoid.vjp(f64([value, -value]), f64([1, 1])));
        expect(vjp).toEqual(derivative);
      }),
    );
  });
});

describe('tanh and identity', () => {
  it('tanh matches Math.tanh and 1 − tanh²', () => {
    expect(toArray(tanh.apply(f64([0, 1])))).toEqual([0, Math.tanh(1)]);
    const derivative = toArray(tanh.derivative!(f64([0, 1])));
    expect(derivative[0]).toBe(1);
    // 1 − tanh²(1) ≈ 0.42 loses at most a few ulps to cancellation, so 1e-15 absolute suffices.
    expect(Math.abs((derivative[1] as number) - (1 - Math.tanh(1) ** 2))).toBeLessThan(1e-15);
  });

  it('tanh derivative is accurate for large |z|', () => {
    fc.assert(
      fc.property(fc.double({ min: -300, max: 300, noNaN: true }), (value) => {
        const [actual] = toArray(tanh.derivative!(f64([value])));
        const expected = 1 / Math.cosh(value) ** 2;
        // Math.cosh and each step below round by about one ulp, so 1e-14 relative covers them.
        expect(Math.abs((actual as number) - expected) / expected).toBeLessThan(1e-14);
      }),
    );
    // At z = 20, tanh rounds to 1 in float64, so 1 − t² would give exactly 0.
    expect(toArray(tanh.vjp(f64([20, -20]), f64([1, 1])))[0]).toBeGreaterThan(0);
  });

  it('identity returns its input and gradient', () => {
    const dy = f64([1, 2, 3, 4, 5]);
    expect(identity.apply(z)).toBe(z);
    expect(identity.vjp(z, dy)).toBe(dy);
    expect(toArray(identity.derivative!(z))).toEqual([1, 1, 1, 1, 1]);
  });
});

const elementwise: readonly Activation[] = [relu, leakyRelu, sigmoid, tanh, identity];

describe.each(elementwise.map((fn) => [fn.name, fn] as const))('%s laws', (_name, fn) => {
  it('vjp equals dy ⊙ derivative', () => {
    fc.assert(
      fc.property(
        matrixArbitrary(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 5 })),
        (x) => {
          const dy = fn.apply(x);
          const expected = Array.from(fn.derivative!(x).data, (d, i) => d * (dy.data[i] as number));
          expect(toArray(fn.vjp(x, dy))).toEqual(expected);
        },
      ),
    );
  });

  it('derivative matches central differences away from 0', () => {
    // Points at least 0.01 from the kink at 0; h = 1e-6, so the difference never straddles it.
    const away = fc.double({ min: 0.01, max: 5, noNaN: true });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(away, fc.boolean()), { minLength: 1, maxLength: 6 }),
        (pairs) => {
          const x = f64(pairs.map(([v, negative]) => (negative ? -v : v)));
          const weights = Array.from(x.data, (_, i) => i + 1);
          const numeric = centralDifference(x, (p) =>
            toArray(fn.apply(p)).reduce((s, v, i) => s + v * (weights[i] as number), 0),
          );
          const analytic = Array.from(fn.derivative!(x).data, (d, i) => d * (weights[i] as number));
          // Central differences with h = 1e-6 in float64 are exact to about 1e-9 here.
          expectClose(analytic, numeric, 1e-7);
        },
      ),
    );
  });

  it('leaves its inputs unchanged', () => {
    const before = snapshot(z);
    const dy = f64([1, 1, 1, 1, 1]);
    fn.apply(z);
    fn.derivative!(z);
    fn.vjp(z, dy);
    expect(snapshot(z)).toEqual(before);
    expect(snapshot(dy)).toEqual(snapshot(f64([1, 1, 1, 1, 1])));
  });

  it('rejects dy of another shape', () => {
    expect(() => fn.vjp(z, f64([1, 2]))).toThrow(ShapeError);
    expect(() => fn.vjp(z, f64([1, 2]))).toThrow(/dy must have the shape of z \[5\] \(got \[2\]\)/);
  });

  it('keeps dtype and shape', () => {
    const x = tensor([[1, -2]]) as FloatTensor;
    const y = fn.apply(x);
    expect(y.dtype).toBe('float32');
    expect(y.shape).toEqual([1, 2]);
  });
});

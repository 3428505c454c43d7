import { tensor, type FloatTensor } from '@puregrad/tensor';
import fc from 'fast-check';

/** Returns a float64 tensor from nested rows. */
export function f64(rows: number[][] | number[]): FloatTensor {
  return tensor(rows, { dtype: 'float64' }) as FloatTensor;
}

/** Returns a copy of x with element i moved by delta. */
export function nudge(x: FloatTensor, i: number, delta: number): FloatTensor {
  const values = Array.from(x.data);
  values[i] = (values[i] as number) + delta;
  return tensor(values, { shape: x.shape, dtype: x.dtype }) as FloatTensor;
}

/**
 * Returns the central difference `(f(x + h) − f(x − h)) / 2h` for every element of x, with
 * h = 1e-6 · max(1, |x_i|). In float64 its error is about h² · |f'''| + ε · |f| / h, near 1e-10
 * for the smooth, O(1) functions these tests differentiate.
 */
export function centralDifference(x: FloatTensor, f: (x: FloatTensor) => number): number[] {
  return Array.from(x.data, (value, i) => {
    const h = 1e-6 * Math.max(1, Math.abs(value));
    return (f(nudge(x, i, h)) - f(nudge(x, i, -h))) / (2 * h);
  });
}

/** Returns Σ y ⊙ r, the scalar a layer's gradient check differentiates so every output counts. */
export function project(y: FloatTensor, r: FloatTensor): number {
  let total = 0;
  for (let i = 0; i < y.data.length; i++) total += (y.data[i] as number) * (r.data[i] as number);
  return total;
}

/** Asserts that actual matches expected within tolerance · max(1, |expected|) element by element. */
export function expectClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  tolerance: number,
): void {
  if (actual.length !== expected.length) {
    throw new Error(`lengths differ: ${actual.length} against ${expected.length}`);
  }
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i] as number;
    const e = expected[i] as number;
    if (!(Math.abs(a - e) <= tolerance * Math.max(1, Math.abs(e)))) {
      throw new Error(`element ${i}: ${a} is not within ${tolerance} of ${e}`);
    }
  }
}

/** Returns a deep copy of a tensor's shape and data, to compare after a call for purity. */
export function snapshot(x: FloatTensor): { shape: number[]; data: number[] } {
  return { shape: [...x.shape], data: Array.from(x.data) };
}

/** A float64 matrix arbitrary `[rows, cols]` with entries in [−range, range]. */
export function matrixArbitrary(
  rows: fc.Arbitrary<number>,
  cols: fc.Arbitrary<number>,
  range = 3,
): fc.Arbitrary<FloatTensor> {
  return fc.tuple(rows, cols).chain(([r, c]) =>
    fc
      .array(fc.double({ min: -range, max: range, noNaN: true }), {
        minLength: r * c,
        maxLength: r * c,
      })
      .map((values) => tensor(values, { shape: [r, c], dtype: 'float64' }) as FloatTensor),
  );
}

import { unsafeFromData, type Float64Tensor } from '@puregrad/tensor';

/** The two points a central difference evaluates, with the step actually taken between them. */
export interface CentralPoints {
  readonly minus: Float64Tensor;
  readonly plus: Float64Tensor;
  /** `plus[i] − minus[i]`, which rounding can make differ slightly from `2h`. */
  readonly width: number;
}

/**
 * Builds copies of `x` with element `i` moved by `∓h`, where `h = step · max(1, |x[i]|)`, so the
 * step scales with large values and stays absolute near zero.
 */
export function centralPoints(x: Float64Tensor, i: number, step: number): CentralPoints {
  const value = x.data[i] as number;
  const h = step * Math.max(1, Math.abs(value));

  const minusData = Float64Array.from(x.data);
  const plusData = Float64Array.from(x.data);
  minusData[i] = value - h;
  plusData[i] = value + h;

  // Dividing by the representable distance removes the rounding of value ± h from the quotient.
  const width = (plusData[i] as number) - (minusData[i] as number);
  return {
    minus: unsafeFromData(minusData, x.shape),
    plus: unsafeFromData(plusData, x.shape),
    width,
  };
}

/**
 * Estimates `∂f/∂x[i]` by the central difference `(f(x + h·eᵢ) − f(x − h·eᵢ)) / 2h`, whose
 * truncation error is `O(h²)`.
 */
export function centralDifference(
  f: (x: Float64Tensor) => number,
  x: Float64Tensor,
  i: number,
  step: number,
): number {
  const points = centralPoints(x, i, step);
  return (f(points.plus) - f(points.minus)) / points.width;
}

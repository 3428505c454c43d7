// The Adam update on float32 arrays, in float64x2 lanes rounded once when stored, like the
// TypeScript kernel: m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², and
// update = −lr · (m / correction1) / (√(v / correction2) + ε).

@inline
function loadPair(p: usize): v128 {
  return f64x2.promote_low_f32x4(v128.load64_zero(p));
}

@inline
function storePair(p: usize, v: v128): void {
  v128.store64_lane(p, f32x4.demote_f64x2_zero(v), 0);
}

/** Writes the new moments and the update for `length` parameters. */
export function adamUpdateF32(
  grads: usize, m: usize, v: usize, length: i32, learningRate: f64, beta1: f64, beta2: f64,
  epsilon: f64, correction1: f64, correction2: f64, outM: usize, outV: usize, outUpdate: usize,
): void {
  const b1 = f64x2.splat(beta1);
  const b2 = f64x2.splat(beta2);
  const g1 = f64x2.splat(1 - beta1);
  const g2 = f64x2.splat(1 - beta2);
  // Multiplying by the reciprocal corrections saves two float64 divisions per element; each
  // reciprocal adds one float64 rounding, far below the float32 result's.
  const inverse1 = f64x2.splat(1 / correction1);
  const inverse2 = f64x2.splat(1 / correction2);
  const eps = f64x2.splat(epsilon);
  const negativeRate = f64x2.splat(-learningRate);
  const pairEnd = length & ~1;
  for (let i = 0; i < pairEnd; i += 2) {
    const offset = <usize>i << 2;
    const g = loadPair(grads + offset);
    const mi = f64x2.add(f64x2.mul(b1, loadPair(m + offset)), f64x2.mul(g1, g));
    const vi = f64x2.add(f64x2.mul(b2, loadPair(v + offset)), f64x2.mul(f64x2.mul(g2, g), g));
    const denominator = f64x2.add(f64x2.sqrt(f64x2.mul(vi, inverse2)), eps);
    storePair(outM + offset, mi);
    storePair(outV + offset, vi);
    storePair(outUpdate + offset, f64x2.div(f64x2.mul(negativeRate, f64x2.mul(mi, inverse1)), denominator));
  }
  if (pairEnd < length) {
    const offset = <usize>pairEnd << 2;
    const g = <f64>load<f32>(grads + offset);
    const mi = beta1 * <f64>load<f32>(m + offset) + (1 - beta1) * g;
    const vi = beta2 * <f64>load<f32>(v + offset) + (1 - beta2) * g * g;
    store<f32>(outM + offset, <f32>mi);
    store<f32>(outV + offset, <f32>vi);
    store<f32>(outUpdate + offset, <f32>((-learningRate * (mi / correction1)) / (Math.sqrt(vi / correction2) + epsilon)));
  }
}

// Reductions over float32 arrays. Full sums accumulate in float64 like the TypeScript kernels;
// column sums accumulate in float32 vectors, within rows · 2⁻²⁴ · Σ|terms| of the exact sum.

/** Returns Σ x[i] over `length` elements, accumulated in two float64 lanes. */
export function sumF32(x: usize, length: i32): f64 {
  let low = f64x2.splat(0);
  let high = f64x2.splat(0);
  const vectorEnd = length & ~3;
  for (let i = 0; i < vectorEnd; i += 4) {
    const v = v128.load(x + ((<usize>i) << 2));
    low = f64x2.add(low, f64x2.promote_low_f32x4(v));
    high = f64x2.add(
      high,
      f64x2.promote_low_f32x4(
        v128.swizzle(v, i8x16(8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7)),
      ),
    );
  }
  const both = f64x2.add(low, high);
  let total = f64x2.extract_lane(both, 0) + f64x2.extract_lane(both, 1);
  for (let i = vectorEnd; i < length; i++) total += <f64>load<f32>(x + ((<usize>i) << 2));
  return total;
}

/** Returns the largest of `length` ≥ 1 elements; NaN if any element is NaN. */
export function maxF32(x: usize, length: i32): f32 {
  let best = load<f32>(x);
  for (let i = 1; i < length; i++) {
    const v = load<f32>(x + ((<usize>i) << 2));
    // max() propagates NaN, like Math.max.
    best = max(best, v);
  }
  return best;
}

/** Writes out[c] = Σ_r x[r, c] for x [rows, cols], the bias gradient of a dense layer. */
export function sumRowsF32(x: usize, rows: i32, cols: i32, out: usize): void {
  const vectorEnd = cols & ~3;
  const rowBytes = (<usize>cols) << 2;
  memory.fill(out, 0, rowBytes);
  for (let r = 0; r < rows; r++) {
    const row = x + <usize>r * rowBytes;
    for (let c = 0; c < vectorEnd; c += 4) {
      const offset = (<usize>c) << 2;
      v128.store(out + offset, f32x4.add(v128.load(out + offset), v128.load(row + offset)));
    }
    for (let c = vectorEnd; c < cols; c++) {
      const offset = (<usize>c) << 2;
      store<f32>(out + offset, load<f32>(out + offset) + load<f32>(row + offset));
    }
  }
}

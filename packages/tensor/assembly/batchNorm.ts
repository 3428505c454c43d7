// Batch normalization over the rows of x [rows, cols] in training mode. The statistics and the
// per-element arithmetic run in float64x2 lanes and round once when stored, as the TypeScript
// kernels do: normalizing in float32 would lose the digits of x − mean when |mean| ≫ std.
// `scratch` has room for 4 · cols float64 values, 16-byte aligned.

@inline
function loadPair(p: usize): v128 {
  return f64x2.promote_low_f32x4(v128.load64_zero(p));
}

@inline
function storePair(p: usize, v: v128): void {
  v128.store64_lane(p, f32x4.demote_f64x2_zero(v), 0);
}

// Accumulates Σ (x − shift) and Σ (x − shift)² per column into sums and squares [cols] f64,
// with the first row as the shift so that a constant column gets a variance of exactly 0.
function shiftedSums(x: usize, rows: i32, cols: i32, sums: usize, squares: usize): void {
  const pairEnd = cols & ~1;
  memory.fill(sums, 0, <usize>cols << 3);
  memory.fill(squares, 0, <usize>cols << 3);
  for (let r = 0; r < rows; r++) {
    const row = x + (<usize>(r * cols) << 2);
    for (let c = 0; c < pairEnd; c += 2) {
      const d = f64x2.sub(loadPair(row + (<usize>c << 2)), loadPair(x + (<usize>c << 2)));
      const at = <usize>c << 3;
      v128.store(sums + at, f64x2.add(v128.load(sums + at), d));
      v128.store(squares + at, f64x2.add(v128.load(squares + at), f64x2.mul(d, d)));
    }
    if (pairEnd < cols) {
      const d = <f64>load<f32>(row + (<usize>pairEnd << 2)) - <f64>load<f32>(x + (<usize>pairEnd << 2));
      const at = <usize>pairEnd << 3;
      store<f64>(sums + at, load<f64>(sums + at) + d);
      store<f64>(squares + at, load<f64>(squares + at) + d * d);
    }
  }
}

/** Batch-norm forward with batch statistics; the outputs are those of the TypeScript kernel. */
export function batchNormForwardF32(
  x: usize, gamma: usize, beta: usize, rows: i32, cols: i32, epsilon: f64,
  outMean: usize, outVariance: usize, outUnbiasedVariance: usize, outInvStd: usize,
  outXHat: usize, outY: usize, scratch: usize,
): void {
  const sums = scratch;
  const squares = sums + (<usize>cols << 3);
  const means = squares + (<usize>cols << 3);
  const invStds = means + (<usize>cols << 3);
  shiftedSums(x, rows, cols, sums, squares);

  for (let c = 0; c < cols; c++) {
    const at = <usize>c << 3;
    const shift = <f64>load<f32>(x + (<usize>c << 2));
    const sum = load<f64>(sums + at);
    const meanShifted = sum / rows;
    const centeredSquares = max(load<f64>(squares + at) - sum * meanShifted, 0);
    const variance = centeredSquares / rows;
    const invStd = 1 / Math.sqrt(variance + epsilon);
    store<f64>(means + at, shift + meanShifted);
    store<f64>(invStds + at, invStd);
    store<f32>(outMean + (<usize>c << 2), <f32>(shift + meanShifted));
    store<f32>(outVariance + (<usize>c << 2), <f32>variance);
    store<f32>(outUnbiasedVariance + (<usize>c << 2), rows > 1 ? <f32>(centeredSquares / (rows - 1)) : NaN);
    store<f32>(outInvStd + (<usize>c << 2), <f32>invStd);
  }

  const pairEnd = cols & ~1;
  for (let r = 0; r < rows; r++) {
    const rowOffset = <usize>(r * cols) << 2;
    for (let c = 0; c < pairEnd; c += 2) {
      const at = <usize>c << 3;
      const offset = rowOffset + (<usize>c << 2);
      const centered = f64x2.sub(loadPair(x + offset), v128.load(means + at));
      const xHat = f64x2.mul(centered, v128.load(invStds + at));
      const scaled = f64x2.mul(xHat, loadPair(gamma + (<usize>c << 2)));
      storePair(outXHat + offset, xHat);
      storePair(outY + offset, f64x2.add(scaled, loadPair(beta + (<usize>c << 2))));
    }
    if (pairEnd < cols) {
      const at = <usize>pairEnd << 3;
      const offset = rowOffset + (<usize>pairEnd << 2);
      const xHat = (<f64>load<f32>(x + offset) - load<f64>(means + at)) * load<f64>(invStds + at);
      const g = <f64>load<f32>(gamma + (<usize>pairEnd << 2));
      store<f32>(outXHat + offset, <f32>xHat);
      store<f32>(outY + offset, <f32>(xHat * g + <f64>load<f32>(beta + (<usize>pairEnd << 2))));
    }
  }
}

/**
 * Exact batch-norm backward in training mode: dBeta = Σ_rows dy, dGamma = Σ_rows dy ⊙ xHat and
 * dx = (dxHat − mean(dxHat) − xHat ⊙ mean(dxHat ⊙ xHat)) ⊙ invStd with dxHat = dy ⊙ gamma.
 * `outDx` may be 0 to skip dx (the first layer of a network needs no input gradient).
 */
export function batchNormBackwardF32(
  dy: usize, xHat: usize, gamma: usize, invStd: usize, rows: i32, cols: i32,
  outDx: usize, outDGamma: usize, outDBeta: usize, scratch: usize,
): void {
  const sumDy = scratch;
  const sumDyXHat = sumDy + (<usize>cols << 3);
  const meanTerm = sumDyXHat + (<usize>cols << 3);
  const slopeTerm = meanTerm + (<usize>cols << 3);
  memory.fill(sumDy, 0, <usize>cols << 4);
  const pairEnd = cols & ~1;
  for (let r = 0; r < rows; r++) {
    const rowOffset = <usize>(r * cols) << 2;
    for (let c = 0; c < pairEnd; c += 2) {
      const offset = rowOffset + (<usize>c << 2);
      const at = <usize>c << 3;
      const d = loadPair(dy + offset);
      v128.store(sumDy + at, f64x2.add(v128.load(sumDy + at), d));
      v128.store(sumDyXHat + at, f64x2.add(v128.load(sumDyXHat + at), f64x2.mul(d, loadPair(xHat + offset))));
    }
    if (pairEnd < cols) {
      const offset = rowOffset + (<usize>pairEnd << 2);
      const at = <usize>pairEnd << 3;
      const d = <f64>load<f32>(dy + offset);
      store<f64>(sumDy + at, load<f64>(sumDy + at) + d);
      store<f64>(sumDyXHat + at, load<f64>(sumDyXHat + at) + d * <f64>load<f32>(xHat + offset));
    }
  }

  for (let c = 0; c < cols; c++) {
    const at = <usize>c << 3;
    const g = <f64>load<f32>(gamma + (<usize>c << 2));
    store<f32>(outDBeta + (<usize>c << 2), <f32>load<f64>(sumDy + at));
    store<f32>(outDGamma + (<usize>c << 2), <f32>load<f64>(sumDyXHat + at));
    store<f64>(meanTerm + at, (g * load<f64>(sumDy + at)) / rows);
    store<f64>(slopeTerm + at, (g * load<f64>(sumDyXHat + at)) / rows);
  }
  if (outDx == 0) return;

  for (let r = 0; r < rows; r++) {
    const rowOffset = <usize>(r * cols) << 2;
    for (let c = 0; c < cols; c++) {
      const offset = rowOffset + (<usize>c << 2);
      const at = <usize>c << 3;
      const dxHat = <f64>load<f32>(dy + offset) * <f64>load<f32>(gamma + (<usize>c << 2));
      const centered = dxHat - load<f64>(meanTerm + at) - <f64>load<f32>(xHat + offset) * load<f64>(slopeTerm + at);
      store<f32>(outDx + offset, <f32>(centered * <f64>load<f32>(invStd + (<usize>c << 2))));
    }
  }
}

// The param grads of a batch-normalized dense layer from the product M = dZᵀ X̂, for a backward
// that skips the layer's input gradient. Float64x2 lanes, rounded once when stored, like the
// TypeScript kernel. `scratch` has room for 2 · inputs float64 values, 16-byte aligned.

@inline
function loadPair(p: usize): v128 {
  return f64x2.promote_low_f32x4(v128.load64_zero(p));
}

@inline
function storePair(p: usize, v: v128): void {
  v128.store64_lane(p, f32x4.demote_f64x2_zero(v), 0);
}

/**
 * Writes dW = M diag(γ) + db βᵀ [units, inputs], dγ = Σ_units W ⊙ M and dβ = dbᵀ W [inputs].
 */
export function normalizedDenseGradsF32(
  product: usize, biasGrads: usize, gamma: usize, beta: usize, weight: usize, units: i32, inputs: i32,
  outWeightGrads: usize, outGammaGrads: usize, outBetaGrads: usize, scratch: usize,
): void {
  const sumGamma = scratch;
  const sumBeta = scratch + (<usize>inputs << 3);
  memory.fill(scratch, 0, <usize>inputs << 4);
  const pairEnd = inputs & ~1;
  for (let u = 0; u < units; u++) {
    const row = <usize>(u * inputs) << 2;
    const scalarDb = <f64>load<f32>(biasGrads + (<usize>u << 2));
    const db = f64x2.splat(scalarDb);
    for (let c = 0; c < pairEnd; c += 2) {
      const at = <usize>c << 2;
      const m = loadPair(product + row + at);
      const w = loadPair(weight + row + at);
      const grads = f64x2.add(f64x2.mul(m, loadPair(gamma + at)), f64x2.mul(db, loadPair(beta + at)));
      storePair(outWeightGrads + row + at, grads);
      const sums = <usize>c << 3;
      v128.store(sumGamma + sums, f64x2.add(v128.load(sumGamma + sums), f64x2.mul(w, m)));
      v128.store(sumBeta + sums, f64x2.add(v128.load(sumBeta + sums), f64x2.mul(db, w)));
    }
    if (pairEnd < inputs) {
      const at = <usize>pairEnd << 2;
      const m = <f64>load<f32>(product + row + at);
      const w = <f64>load<f32>(weight + row + at);
      const g = <f64>load<f32>(gamma + at);
      const b = <f64>load<f32>(beta + at);
      store<f32>(outWeightGrads + row + at, <f32>(m * g + scalarDb * b));
      const sums = <usize>pairEnd << 3;
      store<f64>(sumGamma + sums, load<f64>(sumGamma + sums) + w * m);
      store<f64>(sumBeta + sums, load<f64>(sumBeta + sums) + scalarDb * w);
    }
  }

  for (let c = 0; c < inputs; c++) {
    store<f32>(outGammaGrads + (<usize>c << 2), <f32>load<f64>(sumGamma + (<usize>c << 3)));
    store<f32>(outBetaGrads + (<usize>c << 2), <f32>load<f64>(sumBeta + (<usize>c << 3)));
  }
}

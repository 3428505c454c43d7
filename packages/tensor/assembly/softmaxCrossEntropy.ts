// Softmax cross-entropy on logits [rows, cols] with target rows that sum to 1, in float64 and
// rounded once per stored gradient, like the TypeScript kernel.

/**
 * Returns the mean loss (1/rows) Σ_r Σ_c y[r, c] · (logsumexp(z[r]) − z[r, c]) and writes
 * outGrad = (softmax(z) − y) / rows, subtracting each row's max logit before exp so that no
 * exponent overflows. `outGrad` may be 0 to compute the loss only.
 */
export function softmaxCrossEntropyF32(
  logits: usize,
  targets: usize,
  rows: i32,
  cols: i32,
  outGrad: usize,
): f64 {
  let total: f64 = 0;
  for (let r = 0; r < rows; r++) {
    const row = (<usize>(r * cols)) << 2;
    let rowMax = <f64>load<f32>(logits + row);
    for (let c = 1; c < cols; c++)
      rowMax = max(rowMax, <f64>load<f32>(logits + row + ((<usize>c) << 2)));

    let expSum: f64 = 0;
    for (let c = 0; c < cols; c++)
      expSum += Math.exp(<f64>load<f32>(logits + row + ((<usize>c) << 2)) - rowMax);
    const logSumExp = rowMax + Math.log(expSum);

    for (let c = 0; c < cols; c++) {
      const offset = row + ((<usize>c) << 2);
      const z = <f64>load<f32>(logits + offset);
      const y = <f64>load<f32>(targets + offset);
      total += y * (logSumExp - z);
      if (outGrad != 0) store<f32>(outGrad + offset, <f32>((Math.exp(z - logSumExp) - y) / rows));
    }
  }
  return total / rows;
}

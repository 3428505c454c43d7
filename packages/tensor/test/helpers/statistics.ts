/** Returns the sample (Pearson) correlation of two equally long arrays. */
export function correlation(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x.length;
  let meanX = 0;
  let meanY = 0;
  for (let i = 0; i < n; i++) {
    meanX += (x[i] as number) / n;
    meanY += (y[i] as number) / n;
  }
  let covariance = 0;
  let varianceX = 0;
  let varianceY = 0;
  for (let i = 0; i < n; i++) {
    const dx = (x[i] as number) - meanX;
    const dy = (y[i] as number) - meanY;
    covariance += dx * dy;
    varianceX += dx * dx;
    varianceY += dy * dy;
  }
  return covariance / Math.sqrt(varianceX * varianceY);
}

/** Returns the mean and the biased variance of an array. */
export function moments(x: ArrayLike<number>): { mean: number; variance: number } {
  let sum = 0;
  for (let i = 0; i < x.length; i++) sum += x[i] as number;
  const mean = sum / x.length;
  let squares = 0;
  for (let i = 0; i < x.length; i++) squares += ((x[i] as number) - mean) ** 2;
  return { mean, variance: squares / x.length };
}

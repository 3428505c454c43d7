/**
 * A small seeded generator for the benchmark workload: a Weyl sequence passed through the
 * MurmurHash3 32-bit finalizer. The workload only needs reproducible, well-mixed numbers
 * that every system then reads from files, so statistical quality beyond that is not required.
 */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    z ^= z >>> 16;
    return (z >>> 0) / 2 ** 32;
  };
}

/** Returns the numbers 0 … n − 1 in an order drawn by a Fisher–Yates shuffle. */
export function shuffledIndices(n: number, random: () => number): Int32Array {
  const indices = new Int32Array(n);
  for (let i = 0; i < n; i++) indices[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const swap = indices[i]!;
    indices[i] = indices[j]!;
    indices[j] = swap;
  }
  return indices;
}

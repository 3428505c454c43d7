import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Node 20 validates relaxed SIMD only behind a flag, so the relaxed build runs in a child process
// started with --experimental-wasm-relaxed-simd. The child multiplies random matrices of odd
// sizes with the module's matmulF32 and reports each entry's error against a float64 sum,
// divided by the bound K · 2⁻²³ · Σ|terms| that the other equivalence tests use.

const generated = fileURLToPath(
  new URL('../src/kernels/wasm/binary.generated.ts', import.meta.url),
);

const child = `
const base64 = process.argv[1];
const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
const wasm = new WebAssembly.Instance(new WebAssembly.Module(bytes), {}).exports;
let worst = 0;
for (const [m, k, n, ta, tb] of [[1, 1, 1, 0, 0], [5, 300, 9, 1, 0], [37, 91, 53, 0, 1], [64, 257, 130, 1, 1]]) {
  const base = Math.ceil(wasm.heapBase() / 64) * 64;
  const pa = base, pb = pa + m * k * 4, pOut = pb + k * n * 4;
  const pScratch = Math.ceil((pOut + m * n * 4) / 64) * 64;
  const needed = pScratch + wasm.matmulScratchBytes(n);
  if (needed > wasm.memory.buffer.byteLength) wasm.memory.grow(Math.ceil((needed - wasm.memory.buffer.byteLength) / 65536));
  const f = new Float32Array(wasm.memory.buffer);
  for (let i = 0; i < m * k + k * n; i++) f[pa / 4 + i] = Math.sin(i * 0.71) * 2;
  wasm.matmulF32(pa, pb, pOut, m, k, n, ta, tb, 0, m, 0, n, pScratch);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) {
    let sum = 0, magnitude = 0;
    for (let p = 0; p < k; p++) {
      const term = f[pa / 4 + (ta ? p * m + i : i * k + p)] * f[pb / 4 + (tb ? j * k + p : p * n + j)];
      sum += term;
      magnitude += Math.abs(term);
    }
    const bound = k * 2 ** -23 * magnitude + 1e-30;
    worst = Math.max(worst, Math.abs(f[pOut / 4 + i * n + j] - sum) / bound);
  }
}
console.log(JSON.stringify({ worst }));
`;

describe('relaxed simd build', () => {
  it('matmul matches float64 sums', () => {
    const source = readFileSync(generated, 'utf8');
    const base64 = /relaxedWasmBinaryBase64 =\s*'([^']+)'/.exec(source)?.[1];
    expect(base64, 'no relaxed build in binary.generated.ts; run `pnpm build`').toBeDefined();
    const result = spawnSync(
      process.execPath,
      ['--experimental-wasm-relaxed-simd', '-e', child, base64!],
      { encoding: 'utf8' },
    );
    expect(result.stderr).toBe('');
    const { worst } = JSON.parse(result.stdout) as { worst: number };
    expect(worst).toBeLessThanOrEqual(1);
  });
});

import { typescriptKernels } from '../typescript/index.js';
import type { Kernels } from '../types.js';
import type { WasmArena } from './arena.js';
import type { WasmExports } from './exports.js';
import { allFloat32, floatBytes } from './float32.js';

/** A float32 matmul with the arguments of `Kernels.matmul`. */
export type WasmMatmul = (
  a: Float32Array,
  b: Float32Array,
  out: Float32Array,
  m: number,
  k: number,
  n: number,
  transposeA: boolean,
  transposeB: boolean,
) => void;

/** Multiplies on the calling thread: copies a and b in, runs the whole block, copies out back. */
export function singleThreadMatmul(wasm: WasmExports, arena: WasmArena): WasmMatmul {
  return (a, b, out, m, k, n, transposeA, transposeB) => {
    const [pa, pb, pOut, pScratch] = arena.layout(
      floatBytes(a.length),
      floatBytes(b.length),
      floatBytes(out.length),
      wasm.matmulScratchBytes(n),
    );
    arena.write(pa, a);
    arena.write(pb, b);
    wasm.matmulF32(pa, pb, pOut, m, k, n, +transposeA, +transposeB, 0, m, 0, n, pScratch);
    arena.read(pOut, out);
  };
}

/** Builds the `matmul` kernel: float32 through `matmul`, float64 through the TypeScript kernel. */
export function matmulKernel(matmul: WasmMatmul): Pick<Kernels, 'matmul'> {
  return {
    matmul(a, b, out, m, k, n, transposeA, transposeB) {
      if (!allFloat32(a, b, out)) {
        typescriptKernels.matmul(a, b, out, m, k, n, transposeA, transposeB);
        return;
      }
      const [a32, b32, out32] = [a as Float32Array, b as Float32Array, out as Float32Array];
      matmul(a32, b32, out32, m, k, n, transposeA, transposeB);
    },
  };
}

import { typescriptKernels } from '../typescript/index.js';
import type { Kernels } from '../types.js';
import type { WasmArena } from './arena.js';
import type { WasmExports } from './exports.js';
import { allFloat32, floatBytes } from './float32.js';

type ReductionKernels = Pick<Kernels, 'sum' | 'max' | 'sumRows' | 'softmaxCrossEntropy'>;

/** Builds the reductions and the fused softmax cross-entropy over the module's functions. */
export function reductionKernels(wasm: WasmExports, arena: WasmArena): ReductionKernels {
  const ts = typescriptKernels;
  return {
    sum(x) {
      if (!allFloat32(x)) return ts.sum(x);
      const [px] = arena.layout(floatBytes(x.length));
      arena.write(px, x as Float32Array);
      return wasm.sumF32(px, x.length);
    },

    max(x) {
      // The module's maxF32 reads x[0] first, so the empty case stays here.
      if (!allFloat32(x) || x.length === 0) return ts.max(x);
      const [px] = arena.layout(floatBytes(x.length));
      arena.write(px, x as Float32Array);
      return wasm.maxF32(px, x.length);
    },

    sumRows(x, rows, cols, out) {
      if (!allFloat32(x, out)) return ts.sumRows(x, rows, cols, out);
      const [px, pOut] = arena.layout(floatBytes(rows * cols), floatBytes(cols));
      arena.write(px, x as Float32Array);
      wasm.sumRowsF32(px, rows, cols, pOut);
      arena.read(pOut, out as Float32Array);
    },

    softmaxCrossEntropy(logits, targets, rows, cols, outGrad) {
      if (!allFloat32(logits, targets, outGrad)) {
        return ts.softmaxCrossEntropy(logits, targets, rows, cols, outGrad);
      }
      const size = floatBytes(rows * cols);
      const [pLogits, pTargets, pGrad] = arena.layout(size, size, outGrad === undefined ? 0 : size);
      arena.write(pLogits, logits as Float32Array);
      arena.write(pTargets, targets as Float32Array);
      const gradPointer = outGrad === undefined ? 0 : pGrad;
      const loss = wasm.softmaxCrossEntropyF32(pLogits, pTargets, rows, cols, gradPointer);
      if (outGrad !== undefined) arena.read(pGrad, outGrad as Float32Array);
      return loss;
    },
  };
}

import { typescriptKernels } from '../typescript/index.js';
import type { Kernels } from '../types.js';
import type { WasmArena } from './arena.js';
import type { WasmExports } from './exports.js';
import { allFloat32, floatBytes } from './float32.js';

/** Builds the `adamUpdate` kernel over the module's `adamUpdateF32`. */
export function adamKernel(wasm: WasmExports, arena: WasmArena): Pick<Kernels, 'adamUpdate'> {
  return {
    adamUpdate(
      grads,
      m,
      v,
      learningRate,
      beta1,
      beta2,
      epsilon,
      correction1,
      correction2,
      outM,
      outV,
      outUpdate,
    ) {
      if (!allFloat32(grads, m, v, outM, outV, outUpdate)) {
        typescriptKernels.adamUpdate(
          grads,
          m,
          v,
          learningRate,
          beta1,
          beta2,
          epsilon,
          correction1,
          correction2,
          outM,
          outV,
          outUpdate,
        );
        return;
      }
      const size = floatBytes(grads.length);
      const [pg, pm, pv, pOutM, pOutV, pUpdate] = arena.layout(size, size, size, size, size, size);
      arena.write(pg, grads as Float32Array);
      arena.write(pm, m as Float32Array);
      arena.write(pv, v as Float32Array);
      wasm.adamUpdateF32(
        pg,
        pm,
        pv,
        grads.length,
        learningRate,
        beta1,
        beta2,
        epsilon,
        correction1,
        correction2,
        pOutM,
        pOutV,
        pUpdate,
      );
      arena.read(pOutM, outM as Float32Array);
      arena.read(pOutV, outV as Float32Array);
      arena.read(pUpdate, outUpdate as Float32Array);
    },
  };
}

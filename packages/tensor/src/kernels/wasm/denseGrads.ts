import { typescriptKernels } from '../typescript/index.js';
import type { Kernels } from '../types.js';
import type { WasmArena } from './arena.js';
import type { WasmExports } from './exports.js';
import { allFloat32, floatBytes } from './float32.js';

/** Builds the `normalizedDenseGrads` kernel over the module's `normalizedDenseGradsF32`. */
export function denseGradsKernel(
  wasm: WasmExports,
  arena: WasmArena,
): Pick<Kernels, 'normalizedDenseGrads'> {
  return {
    normalizedDenseGrads(product, db, gamma, beta, weight, units, inputs, dWeight, dGamma, dBeta) {
      const arrays = [product, db, gamma, beta, weight, dWeight, dGamma, dBeta];
      if (!allFloat32(...arrays)) {
        const ts = typescriptKernels;
        ts.normalizedDenseGrads(
          product,
          db,
          gamma,
          beta,
          weight,
          units,
          inputs,
          dWeight,
          dGamma,
          dBeta,
        );
        return;
      }
      const matrix = floatBytes(units * inputs);
      const vector = floatBytes(inputs);
      const [pProduct, pDb, pGamma, pBeta, pWeight, pDWeight, pDGamma, pDBeta, pScratch] =
        arena.layout(
          matrix,
          floatBytes(units),
          vector,
          vector,
          matrix,
          matrix,
          vector,
          vector,
          inputs * 2 * 8,
        );
      arena.write(pProduct, product as Float32Array);
      arena.write(pDb, db as Float32Array);
      arena.write(pGamma, gamma as Float32Array);
      arena.write(pBeta, beta as Float32Array);
      arena.write(pWeight, weight as Float32Array);
      wasm.normalizedDenseGradsF32(
        pProduct,
        pDb,
        pGamma,
        pBeta,
        pWeight,
        units,
        inputs,
        pDWeight,
        pDGamma,
        pDBeta,
        pScratch,
      );
      arena.read(pDWeight, dWeight as Float32Array);
      arena.read(pDGamma, dGamma as Float32Array);
      arena.read(pDBeta, dBeta as Float32Array);
    },
  };
}

import type { Kernels } from '../types.js';
import { adamKernel } from './adam.js';
import type { WasmArena } from './arena.js';
import { batchNormKernels } from './batchNorm.js';
import { denseGradsKernel } from './denseGrads.js';
import { elementwiseKernels } from './elementwise.js';
import type { WasmExports } from './exports.js';
import { matmulKernel, singleThreadMatmul, type WasmMatmul } from './matmul.js';
import { reductionKernels } from './reduce.js';

/**
 * Builds the Wasm kernels over an instantiated module. Every float32 call copies its inputs
 * into the arena, runs one exported function and copies the results out into the caller's
 * arrays; float64 calls go to the TypeScript kernels, because the module has float32 kernels
 * only. `matmul` replaces the single-threaded float32 matmul, e.g. by one split over workers.
 */
export function createWasmKernels(
  wasm: WasmExports,
  arena: WasmArena,
  matmul: WasmMatmul = singleThreadMatmul(wasm, arena),
): Kernels {
  return {
    name: 'wasm',
    ...matmulKernel(matmul),
    ...batchNormKernels(wasm, arena),
    ...elementwiseKernels(wasm, arena),
    ...reductionKernels(wasm, arena),
    ...adamKernel(wasm, arena),
    ...denseGradsKernel(wasm, arena),
  };
}

import type { Kernels } from '../types.js';
import { WasmArena } from './arena.js';
import { embeddedWasmBinary } from './embedded.js';
import type { WasmExports } from './exports.js';
import { isWasmSimdSupported } from './simd.js';
import { createWasmKernels } from './wasmKernels.js';
import { webAssemblyApi } from './webAssemblyApi.js';

/** The outcome of loading the Wasm kernels: the kernels, or why they are unavailable. */
export type WasmLoadResult =
  | { readonly kernels: Kernels; readonly reason?: undefined }
  | { readonly kernels?: undefined; readonly reason: string };

/** Instantiates `bytes` synchronously with `imports` and returns its exports. */
export function instantiateWasm(bytes: Uint8Array, imports: object = {}): WasmExports {
  const api = webAssemblyApi();
  if (api === undefined) throw new Error('instantiateWasm: this engine has no WebAssembly.');
  const module = new api.Module(bytes);
  const instance = new api.Instance(module, imports);
  return instance.exports as unknown as WasmExports;
}

/**
 * Loads the embedded module synchronously and builds its kernels, or returns the reason it
 * cannot: no SIMD support, or no compiled module because `pnpm build` has not run.
 */
export function loadWasmKernels(): WasmLoadResult {
  if (!isWasmSimdSupported()) {
    return { reason: 'this JavaScript engine does not support WebAssembly SIMD' };
  }
  const bytes = embeddedWasmBinary();
  if (bytes === undefined) {
    return {
      reason:
        'the compiled module src/kernels/wasm/binary.generated.ts is missing; run `pnpm build` in packages/tensor',
    };
  }
  const wasm = instantiateWasm(bytes);
  return { kernels: createWasmKernels(wasm, new WasmArena(wasm.memory, wasm.heapBase())) };
}

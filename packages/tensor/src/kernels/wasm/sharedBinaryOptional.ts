// Reads the shared-memory build of the module for the worker-thread entry, the way
// binaryOptional.ts reads the single-thread one: undefined when `pnpm build` has not run, and
// resolved to sharedBinary.generated.ts statically by the package build.
let generated:
  { sharedWasmBinaryBase64: string; sharedRelaxedWasmBinaryBase64: string } | undefined;
try {
  generated = await import('./sharedBinary.generated.js');
} catch {
  generated = undefined;
}

/** The compiled shared-memory module as base64, or undefined if the build has not run. */
export const sharedWasmBinaryBase64: string | undefined = generated?.sharedWasmBinaryBase64;

/** The same module built with relaxed SIMD's fused multiply-add, or undefined. */
export const sharedRelaxedWasmBinaryBase64: string | undefined =
  generated?.sharedRelaxedWasmBinaryBase64;

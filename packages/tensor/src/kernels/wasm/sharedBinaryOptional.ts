// Reads the shared-memory build of the module for the worker-thread entry, the way
// binaryOptional.ts reads the single-thread one: undefined when `pnpm build` has not run, and
// resolved to sharedBinary.generated.ts statically by the package build.
let base64: string | undefined;
try {
  base64 = (await import('./sharedBinary.generated.js')).sharedWasmBinaryBase64;
} catch {
  base64 = undefined;
}

/** The compiled shared-memory module as base64, or undefined if the build has not run. */
export const sharedWasmBinaryBase64: string | undefined = base64;

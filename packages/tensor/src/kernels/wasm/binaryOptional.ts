// Reads the compiled module that `pnpm build` embeds in binary.generated.ts (git ignores it).
// A checkout that was never built has no such file, so the import may fail, and then
// both exports are undefined and the library runs on the TypeScript kernels. The top-level
// await settles while the package loads, before any op runs. The package build (tsup.config.ts)
// resolves this module to binary.generated.ts itself, so dist embeds the module statically.
let generated: { wasmBinaryBase64: string; relaxedWasmBinaryBase64: string } | undefined;
try {
  generated = await import('./binary.generated.js');
} catch {
  generated = undefined;
}

/** The compiled single-thread module as base64, or undefined if the build has not run. */
export const wasmBinaryBase64: string | undefined = generated?.wasmBinaryBase64;

/** The same module built with relaxed SIMD's fused multiply-add, or undefined. */
export const relaxedWasmBinaryBase64: string | undefined = generated?.relaxedWasmBinaryBase64;

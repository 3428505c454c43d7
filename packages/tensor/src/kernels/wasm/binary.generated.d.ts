// Types of binary.generated.ts, which `pnpm build` writes and git ignores, so that the library
// typechecks in a checkout that was never built.

/** The single-thread module as base64. */
export declare const wasmBinaryBase64: string;

/** The single-thread module built with relaxed SIMD, as base64. */
export declare const relaxedWasmBinaryBase64: string;

// Types of sharedBinary.generated.ts, which `pnpm build` writes and git ignores, so that the
// library typechecks in a checkout that was never built.

/** The shared-memory module as base64. */
export declare const sharedWasmBinaryBase64: string;

/** The shared-memory module built with relaxed SIMD, as base64. */
export declare const sharedRelaxedWasmBinaryBase64: string;

// The part of the WebAssembly JavaScript API the kernels use, typed here because the library
// compiles against the ES2022 lib alone, which has no WebAssembly declarations (the DOM lib and
// @types/node each bring their own).

/** A module's linear memory: its buffer is replaced when it grows. */
export interface WasmMemory {
  readonly buffer: ArrayBuffer | SharedArrayBuffer;
  grow(pages: number): number;
}

/** The global `WebAssembly` object's members that this package calls. */
export interface WebAssemblyApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { readonly exports: object };
  Memory: new (descriptor: { initial: number; maximum?: number; shared?: boolean }) => WasmMemory;
}

/** Returns the engine's `WebAssembly` object, or undefined where there is none. */
export function webAssemblyApi(): WebAssemblyApi | undefined {
  return (globalThis as { WebAssembly?: WebAssemblyApi }).WebAssembly;
}

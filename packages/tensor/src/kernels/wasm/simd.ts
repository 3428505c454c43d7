import { webAssemblyApi } from './webAssemblyApi.js';

// The smallest module that uses a SIMD instruction: one function of type () → () whose body is
// `i32.const 0; i8x16.splat; drop`. Engines without SIMD reject it in validation.
const HEADER = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]; // "\0asm", version 1
const TYPE_SECTION = [0x01, 0x04, 0x01, 0x60, 0x00, 0x00]; // one type, () → ()
const FUNCTION_SECTION = [0x03, 0x02, 0x01, 0x00]; // one function of type 0
const CODE_SECTION = [0x0a, 0x09, 0x01, 0x07, 0x00, 0x41, 0x00, 0xfd, 0x0f, 0x1a, 0x0b];
const SIMD_PROBE = new Uint8Array([
  ...HEADER,
  ...TYPE_SECTION,
  ...FUNCTION_SECTION,
  ...CODE_SECTION,
]);

// A function (v128, v128, v128) → v128 whose body is `local.get 0; local.get 1; local.get 2;
// f32x4.relaxed_madd`, the instruction the relaxed builds add.
const RELAXED_TYPE_SECTION = [0x01, 0x08, 0x01, 0x60, 0x03, 0x7b, 0x7b, 0x7b, 0x01, 0x7b];
const RELAXED_CODE = [0x0a, 0x0d, 0x01, 0x0b, 0x00, 0x20, 0x00, 0x20, 0x01, 0x20, 0x02];
const RELAXED_MADD = [0xfd, 0x85, 0x02, 0x0b];
const RELAXED_PROBE = new Uint8Array([
  ...HEADER,
  ...RELAXED_TYPE_SECTION,
  ...FUNCTION_SECTION,
  ...RELAXED_CODE,
  ...RELAXED_MADD,
]);

function validates(bytes: Uint8Array): boolean {
  const api = webAssemblyApi();
  if (api === undefined || typeof api.validate !== 'function') return false;
  try {
    return api.validate(bytes);
  } catch {
    return false;
  }
}

/** Returns true when this engine has WebAssembly and validates its 128-bit SIMD instructions. */
export function isWasmSimdSupported(): boolean {
  return validates(SIMD_PROBE);
}

/**
 * Returns true when the engine also validates relaxed SIMD's `f32x4.relaxed_madd` (V8 11.4 and
 * later, so Node 22; Node 20 only with --experimental-wasm-relaxed-simd).
 */
export function isRelaxedSimdSupported(): boolean {
  return validates(RELAXED_PROBE);
}

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

/** Returns true when this engine has WebAssembly and validates its 128-bit SIMD instructions. */
export function isWasmSimdSupported(): boolean {
  const api = webAssemblyApi();
  if (api === undefined || typeof api.validate !== 'function') return false;
  try {
    return api.validate(SIMD_PROBE);
  } catch {
    return false;
  }
}

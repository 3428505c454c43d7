import { relaxedWasmBinaryBase64, wasmBinaryBase64 } from './binaryOptional.js';
import { isRelaxedSimdSupported } from './simd.js';

/** Decodes base64 text with `atob`, which browsers and Node ≥ 16 provide. */
export function decodeBase64(text: string): Uint8Array {
  const characters = atob(text);
  const bytes = new Uint8Array(characters.length);
  for (let i = 0; i < characters.length; i++) bytes[i] = characters.charCodeAt(i);
  return bytes;
}

/**
 * Returns the compiled single-thread module's bytes, or undefined if the build did not run. The
 * relaxed-SIMD build is chosen where the engine validates it, unless `relaxed` is false.
 */
export function embeddedWasmBinary(relaxed = isRelaxedSimdSupported()): Uint8Array | undefined {
  const base64 = relaxed ? relaxedWasmBinaryBase64 : wasmBinaryBase64;
  return base64 === undefined ? undefined : decodeBase64(base64);
}

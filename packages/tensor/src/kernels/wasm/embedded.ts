import { wasmBinaryBase64 } from './binaryOptional.js';

/** Decodes base64 text with `atob`, which browsers and Node ≥ 16 provide. */
export function decodeBase64(text: string): Uint8Array {
  const characters = atob(text);
  const bytes = new Uint8Array(characters.length);
  for (let i = 0; i < characters.length; i++) bytes[i] = characters.charCodeAt(i);
  return bytes;
}

/** Returns the compiled single-thread module's bytes, or undefined if the build did not run. */
export function embeddedWasmBinary(): Uint8Array | undefined {
  return wasmBinaryBase64 === undefined ? undefined : decodeBase64(wasmBinaryBase64);
}

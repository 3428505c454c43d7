import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The golden safetensors files copied into the repository's test fixtures. */
export const SAFETENSORS_FIXTURES = fileURLToPath(
  new URL('../../../../test/fixtures/safetensors/', import.meta.url),
);

/** Reads one golden safetensors file by name. */
export function readGolden(name: string): Uint8Array {
  return new Uint8Array(readFileSync(`${SAFETENSORS_FIXTURES}${name}`));
}

/** Returns the bits of a float64 as a hex string, so that −0, NaN payloads and 1e-300 compare exactly. */
export function float64Bits(value: number): string {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value, true);
  return view.getBigUint64(0, true).toString(16);
}

/** Returns the bits of each element of a typed array as hex strings. */
export function elementBits(
  data: ArrayLike<number> & {
    buffer: ArrayBufferLike;
    byteOffset: number;
    byteLength: number;
    BYTES_PER_ELEMENT: number;
  },
): string[] {
  const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  const bits: string[] = [];
  for (let i = 0; i < bytes.length; i += data.BYTES_PER_ELEMENT) {
    bits.push(Buffer.from(bytes.subarray(i, i + data.BYTES_PER_ELEMENT)).toString('hex'));
  }
  return bits;
}

/** The safetensors dtypes this package reads and writes. */
export type SafetensorsDType = 'F64' | 'F32' | 'I32' | 'U8';

/** Bytes per element of each dtype. */
export const BYTES_PER_ELEMENT: Readonly<Record<SafetensorsDType, number>> = {
  F64: 8,
  F32: 4,
  I32: 4,
  U8: 1,
};

/**
 * The order in which a writer lists tensors: the reference implementation sorts by dtype, wider
 * types first (F64, F32, I32, U8), and then by name.
 */
export const DTYPE_RANK: Readonly<Record<SafetensorsDType, number>> = {
  F64: 0,
  F32: 1,
  I32: 2,
  U8: 3,
};

/** Returns whether `name` is one of the dtypes of {@link SafetensorsDType}. */
export function isSafetensorsDType(name: unknown): name is SafetensorsDType {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(BYTES_PER_ELEMENT, name);
}

/** One tensor of a safetensors file as stored: its dtype, shape and little-endian bytes. */
export interface SafetensorsRecord {
  readonly dtype: SafetensorsDType;
  readonly shape: readonly number[];
  /** The elements, row-major and little-endian; `bytes.length` is size(shape) × bytes per element. */
  readonly bytes: Uint8Array;
}

/** A parsed safetensors file: the optional string metadata and the tensors in file order. */
export interface SafetensorsFile {
  readonly metadata: Readonly<Record<string, string>> | undefined;
  readonly tensors: ReadonlyMap<string, SafetensorsRecord>;
}

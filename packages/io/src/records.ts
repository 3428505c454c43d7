import {
  DTypeError,
  unsafeFromData,
  type DType,
  type Float32Tensor,
  type Float64Tensor,
  type Int32Tensor,
  type Tensor,
} from '@puregrad/tensor';
import type { SafetensorsDType, SafetensorsRecord } from './safetensorsDType.js';

const TENSOR_DTYPE = { float64: 'F64', float32: 'F32', int32: 'I32' } as const;

/** The tensor type each convertible record dtype becomes. */
export interface RecordTensorMap {
  F64: Float64Tensor;
  F32: Float32Tensor;
  I32: Int32Tensor;
}

/** Returns the safetensors dtype that stores a tensor dtype: float64 → F64, float32 → F32, int32 → I32. */
export function safetensorsDTypeOf(dtype: DType): 'F64' | 'F32' | 'I32' {
  return TENSOR_DTYPE[dtype];
}

/**
 * Converts a tensor to a raw record, copying its elements bit for bit (NaN payloads and −0
 * included) as little-endian bytes.
 */
export function tensorToRecord(x: Tensor): SafetensorsRecord {
  const data = x.data as Float32Array | Float64Array | Int32Array;
  const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice();
  if (!HOST_IS_LITTLE_ENDIAN) swapBytes(bytes, data.BYTES_PER_ELEMENT);
  return { dtype: TENSOR_DTYPE[x.dtype], shape: x.shape, bytes };
}

/**
 * Converts a record to a tensor where a tensor dtype fits: F64 → float64, F32 → float32,
 * I32 → int32, copying the bytes bit for bit. A U8 record has no matching tensor dtype and is
 * rejected with a DTypeError. Convert it with {@link u8RecordToTensor}.
 */
export function recordToTensor<T extends 'F64' | 'F32' | 'I32'>(
  record: SafetensorsRecord & { readonly dtype: T },
): RecordTensorMap[T];
export function recordToTensor(record: SafetensorsRecord): Tensor;
export function recordToTensor(record: SafetensorsRecord): Tensor {
  // A copy through the Uint8Array constructor, because a Node Buffer's slice() is a view.
  const copy = new Uint8Array(record.bytes);
  switch (record.dtype) {
    case 'F64':
      return unsafeFromData(new Float64Array(fromLittleEndian(copy, 8).buffer), record.shape);
    case 'F32':
      return unsafeFromData(new Float32Array(fromLittleEndian(copy, 4).buffer), record.shape);
    case 'I32':
      return unsafeFromData(new Int32Array(fromLittleEndian(copy, 4).buffer), record.shape);
    case 'U8':
      throw new DTypeError(
        'recordToTensor: record dtype must be F64, F32 or I32 (got U8). Convert it explicitly with u8RecordToTensor.',
      );
  }
}

/** Converts a U8 record to an int32 or float32 tensor that contains the same values 0..255. */
export function u8RecordToTensor<D extends 'int32' | 'float32'>(
  record: SafetensorsRecord,
  dtype: D,
): Tensor<D> {
  if (record.dtype !== 'U8') {
    throw new DTypeError(
      `u8RecordToTensor: record dtype must be U8 (got ${record.dtype}). Use recordToTensor for other dtypes.`,
    );
  }
  const data = dtype === 'int32' ? Int32Array.from(record.bytes) : Float32Array.from(record.bytes);
  return unsafeFromData(data, record.shape) as Tensor<D>;
}

/** Returns whether a record's dtype converts to a tensor with {@link recordToTensor}. */
export function isTensorDType(dtype: SafetensorsDType): dtype is 'F64' | 'F32' | 'I32' {
  return dtype !== 'U8';
}

function fromLittleEndian(bytes: Uint8Array, width: number): Uint8Array {
  return HOST_IS_LITTLE_ENDIAN ? bytes : swapBytes(bytes, width);
}

/** Whether this machine stores typed-array elements little-endian, as safetensors does. */
const HOST_IS_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Reverses the byte order of each `width`-byte element of `bytes`, in place. */
function swapBytes(bytes: Uint8Array, width: number): Uint8Array {
  for (let start = 0; start + width <= bytes.length; start += width) {
    bytes.subarray(start, start + width).reverse();
  }
  return bytes;
}

import { formatShape, InvalidArgumentError, sizeOf, type Tensor } from '@puregrad/tensor';
import { tensorToRecord } from './records.js';
import {
  BYTES_PER_ELEMENT,
  DTYPE_RANK,
  isSafetensorsDType,
  type SafetensorsRecord,
} from './safetensorsDType.js';

/** Named tensors to write: raw records, or tensors converted with {@link tensorToRecord}. */
export type SafetensorsInput =
  | ReadonlyMap<string, SafetensorsRecord | Tensor>
  | Readonly<Record<string, SafetensorsRecord | Tensor>>;

/**
 * Serializes named tensors and optional string metadata into the bytes of a safetensors file.
 *
 * The output is canonical, so equal inputs give identical bytes. The header is compact JSON with
 * `__metadata__` first (its keys in the order given), then the tensors sorted by dtype (F64, F32,
 * I32, U8) and then by name in UTF-8 byte order. Spaces pad the header to a multiple of 8 bytes,
 * and the data follows back to back in header order, little-endian.
 *
 * @throws InvalidArgumentError when a record's byte count does not match its dtype and shape, a
 * dtype is unknown, a name is `__metadata__`, or a metadata value is not a string.
 *
 * @example
 * const bytes = serializeSafetensors({ weight: tensor([[1, 2]]) }, { format: 'puregrad' });
 */
export function serializeSafetensors(
  tensors: SafetensorsInput,
  metadata?: Readonly<Record<string, string>>,
): Uint8Array {
  const entries = sortEntries(toRecords(tensors));

  const header: Record<string, unknown> = {};
  if (metadata !== undefined) header['__metadata__'] = checkMetadata(metadata);
  let offset = 0;
  for (const [name, record] of entries) {
    const end = offset + record.bytes.length;
    header[name] = { dtype: record.dtype, shape: record.shape, data_offsets: [offset, end] };
    offset = end;
  }

  const json = new TextEncoder().encode(JSON.stringify(header));
  const headerLength = Math.ceil(json.length / 8) * 8;
  const out = new Uint8Array(8 + headerLength + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(headerLength), true);
  out.set(json, 8);
  out.fill(0x20, 8 + json.length, 8 + headerLength);

  let position = 8 + headerLength;
  for (const [, record] of entries) {
    out.set(record.bytes, position);
    position += record.bytes.length;
  }
  return out;
}

function toRecords(tensors: SafetensorsInput): [string, SafetensorsRecord][] {
  const pairs = tensors instanceof Map ? [...tensors] : Object.entries(tensors);
  return pairs.map(([name, value]) => {
    if (name === '__metadata__') {
      throw new InvalidArgumentError(
        'serializeSafetensors: a tensor name must not be "__metadata__" (got it). Rename the tensor.',
      );
    }
    const record = 'bytes' in value ? value : tensorToRecord(value);
    checkRecord(name, record);
    return [name, record];
  });
}

function checkRecord(name: string, record: SafetensorsRecord): void {
  if (!isSafetensorsDType(record.dtype)) {
    throw new InvalidArgumentError(
      `serializeSafetensors: dtype of "${name}" must be one of F64, F32, I32, U8 (got ${String(record.dtype)}).`,
    );
  }
  const expected = sizeOf(record.shape) * BYTES_PER_ELEMENT[record.dtype];
  if (record.bytes.length !== expected) {
    throw new InvalidArgumentError(
      `serializeSafetensors: "${name}" must hold ${expected} bytes for dtype ${record.dtype} and shape ${formatShape(record.shape)} (got ${record.bytes.length}). Fix the record's shape or bytes.`,
    );
  }
}

function checkMetadata(metadata: Readonly<Record<string, string>>): Record<string, string> {
  for (const [key, value] of Object.entries(metadata)) {
    if (typeof value !== 'string') {
      throw new InvalidArgumentError(
        `serializeSafetensors: metadata value "${key}" must be a string (got ${JSON.stringify(value)}). Encode it as a string, e.g. with JSON.stringify.`,
      );
    }
  }
  return { ...metadata };
}

const encoder = new TextEncoder();

/** Compares names by their UTF-8 bytes, the order the reference implementation's sort gives. */
function compareUtf8(a: string, b: string): number {
  const x = encoder.encode(a);
  const y = encoder.encode(b);
  const length = Math.min(x.length, y.length);
  for (let i = 0; i < length; i++) {
    if (x[i] !== y[i]) return (x[i] as number) - (y[i] as number);
  }
  return x.length - y.length;
}

function sortEntries(entries: [string, SafetensorsRecord][]): [string, SafetensorsRecord][] {
  return entries.sort(
    ([nameA, a], [nameB, b]) =>
      DTYPE_RANK[a.dtype] - DTYPE_RANK[b.dtype] || compareUtf8(nameA, nameB),
  );
}

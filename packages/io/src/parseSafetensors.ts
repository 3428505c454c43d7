import { DataError, formatShape, sizeOf } from '@puregrad/tensor';
import * as E from 'fp-ts/lib/Either.js';
import {
  BYTES_PER_ELEMENT,
  isSafetensorsDType,
  type SafetensorsFile,
  type SafetensorsRecord,
} from './safetensorsDType.js';

/**
 * The largest header this reader accepts, in bytes. The cap keeps a corrupt length field from
 * making the reader decode and parse a huge buffer.
 */
export const MAX_HEADER_BYTES = 100_000_000;

/** Options of {@link parseSafetensors}. */
export interface ParseOptions {
  /** The file name to put in error messages. */
  readonly file?: string;
}

interface HeaderEntry {
  readonly name: string;
  readonly record: Omit<SafetensorsRecord, 'bytes'>;
  readonly begin: number;
  readonly end: number;
}

/**
 * Parses the bytes of a safetensors file: an 8-byte little-endian header length N, N bytes of JSON
 * header, then the data buffer that the header's `data_offsets` index into.
 *
 * Returns a Left with a DataError when the header length is larger than the file or than
 * {@link MAX_HEADER_BYTES}, the header is not a JSON object, an entry is malformed or has an
 * unknown dtype, a byte count does not match dtype × shape, or the offsets overlap, leave gaps,
 * run past the data or stop before its end. The records' bytes are views into `bytes`.
 *
 * @example
 * const parsed = parseSafetensors(fs.readFileSync('model.safetensors'));
 * if (E.isRight(parsed)) parsed.right.tensors.get('params.0.weight');
 */
export function parseSafetensors(
  bytes: Uint8Array,
  options: ParseOptions = {},
): E.Either<DataError, SafetensorsFile> {
  const fail = (problem: string, field?: string): E.Either<DataError, never> =>
    E.left(new DataError({ file: options.file, field }, `${problem}.`));

  const headerLength = readHeaderLength(bytes);
  if (typeof headerLength === 'string') return fail(headerLength);
  const header = decodeHeader(bytes.subarray(8, 8 + headerLength));
  if (typeof header === 'string') return fail(header);

  const entries: HeaderEntry[] = [];
  let metadata: Record<string, string> | undefined;
  for (const [name, value] of Object.entries(header)) {
    const parsed = name === '__metadata__' ? parseMetadata(value) : parseEntry(name, value);
    if (typeof parsed === 'string') return fail(parsed, name);
    if ('record' in parsed) entries.push(parsed);
    else metadata = parsed.metadata;
  }

  const data = bytes.subarray(8 + headerLength);
  const layoutProblem = checkLayout(entries, data.length);
  if (layoutProblem !== undefined) return fail(layoutProblem.problem, layoutProblem.name);

  const tensors = new Map<string, SafetensorsRecord>();
  for (const { name, record, begin, end } of entries) {
    tensors.set(name, { ...record, bytes: data.subarray(begin, end) });
  }
  return E.right({ metadata, tensors });
}

function readHeaderLength(bytes: Uint8Array): number | string {
  if (bytes.length < 8) {
    return `file must hold at least the 8-byte header length (got ${bytes.length} bytes). The file is truncated or not a safetensors file`;
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, 8);
  const length = view.getBigUint64(0, true);
  if (length > BigInt(MAX_HEADER_BYTES)) {
    return `header length must be at most ${MAX_HEADER_BYTES} bytes (got ${length}). The file is corrupt or not a safetensors file`;
  }
  if (length > BigInt(bytes.length - 8)) {
    return `header length ${length} must fit in the ${bytes.length - 8} bytes after the length field. The file is truncated`;
  }
  return Number(length);
}

function decodeHeader(headerBytes: Uint8Array): Record<string, unknown> | string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(headerBytes);
  } catch {
    return 'header must be valid UTF-8 text. The file is corrupt';
  }
  let header: unknown;
  try {
    header = JSON.parse(text);
  } catch (error) {
    return `header must be valid JSON (${(error as Error).message}). The file is corrupt`;
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) {
    let kind: string = typeof header;
    if (Array.isArray(header)) kind = 'an array';
    if (header === null) kind = 'null';
    return `header must be a JSON object (got ${kind}). The file is corrupt`;
  }
  return header as Record<string, unknown>;
}

function parseMetadata(value: unknown): { metadata: Record<string, string> } | string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return `__metadata__ must be an object of strings (got ${JSON.stringify(value)})`;
  }
  for (const [key, text] of Object.entries(value)) {
    if (typeof text !== 'string') {
      return `__metadata__ value "${key}" must be a string (got ${JSON.stringify(text)})`;
    }
  }
  return { metadata: value as Record<string, string> };
}

function parseEntry(name: string, value: unknown): HeaderEntry | string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return `entry must be an object with dtype, shape and data_offsets (got ${JSON.stringify(value)})`;
  }
  const { dtype, shape, data_offsets: offsets } = value as Record<string, unknown>;
  if (!isSafetensorsDType(dtype)) {
    return `dtype must be one of F64, F32, I32, U8 (got ${JSON.stringify(dtype)}). Convert the tensor to a supported dtype before saving`;
  }
  if (!isIntegerList(shape)) {
    return `shape must be an array of non-negative integers (got ${JSON.stringify(shape)})`;
  }
  if (!isIntegerList(offsets) || offsets.length !== 2 || offsets[0]! > offsets[1]!) {
    return `data_offsets must be [begin, end] with 0 <= begin <= end (got ${JSON.stringify(offsets)})`;
  }
  const [begin, end] = offsets as [number, number];
  const expected = sizeOf(shape) * BYTES_PER_ELEMENT[dtype];
  if (end - begin !== expected) {
    return `byte count must be ${expected} for dtype ${dtype} and shape ${formatShape(shape)} (got ${end - begin} from data_offsets [${begin}, ${end}])`;
  }
  return { name, record: { dtype, shape: Object.freeze([...shape]) }, begin, end };
}

function isIntegerList(value: unknown): value is number[] {
  return Array.isArray(value) && value.every((x) => Number.isSafeInteger(x) && x >= 0);
}

/** Checks that the entries tile the data buffer exactly: no overlap, no gap, nothing after. */
function checkLayout(
  entries: readonly HeaderEntry[],
  dataLength: number,
): { problem: string; name?: string } | undefined {
  const sorted = [...entries].sort((a, b) => a.begin - b.begin || a.end - b.end);
  let position = 0;
  for (const entry of sorted) {
    if (entry.begin < position) {
      return {
        name: entry.name,
        problem: `data_offsets [${entry.begin}, ${entry.end}] overlap the previous tensor, which ends at byte ${position}. The file is corrupt`,
      };
    }
    if (entry.begin > position) {
      return {
        name: entry.name,
        problem: `data_offsets [${entry.begin}, ${entry.end}] leave a gap after byte ${position}. The file is corrupt`,
      };
    }
    if (entry.end > dataLength) {
      return {
        name: entry.name,
        problem: `data_offsets [${entry.begin}, ${entry.end}] run past the ${dataLength}-byte data buffer. The file is truncated`,
      };
    }
    position = entry.end;
  }
  if (position !== dataLength) {
    return {
      problem: `data buffer must end where the last tensor ends, at byte ${position} (got ${dataLength - position} trailing bytes). The file is corrupt`,
    };
  }
  return undefined;
}

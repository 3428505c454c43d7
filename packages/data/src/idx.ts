import { DataError, formatShape, sizeOf } from '@puregrad/tensor';
import * as E from 'fp-ts/lib/Either.js';
import { gunzipSync } from 'node:zlib';
import { readFileBytes } from './readFileBytes.js';

/** The element types of the IDX format, by their type code (the third byte of the magic number). */
const IDX_TYPES = {
  0x08: { name: 'unsigned byte', width: 1 },
  0x09: { name: 'signed byte', width: 1 },
  0x0b: { name: 'int16', width: 2 },
  0x0c: { name: 'int32', width: 4 },
  0x0d: { name: 'float32', width: 4 },
  0x0e: { name: 'float64', width: 8 },
} as const;

/** The type code of an IDX file's elements. MNIST and Fashion-MNIST use 0x08, unsigned bytes. */
export type IdxTypeCode = keyof typeof IDX_TYPES;

/** An IDX array: its element type code, its dimensions and its elements in row-major order. */
export interface IdxArray {
  readonly typeCode: IdxTypeCode;
  readonly dims: readonly number[];
  readonly data: Uint8Array | Int8Array | Int16Array | Int32Array | Float32Array | Float64Array;
}

/**
 * The largest output that gzip decompression may produce, in bytes (1 GiB). The 60,000 training
 * images of MNIST take 47 MB, so the cap only stops a corrupt or hostile file.
 */
export const MAX_IDX_BYTES = 2 ** 30;

/** Options of {@link parseIdx}. */
export interface ParseIdxOptions {
  /** The file name to put in error messages. */
  readonly file?: string;
}

/**
 * Parses an IDX file (raw or gzip-compressed, detected by the gzip magic bytes 1f 8b). The format:
 * two zero bytes, a type code, the number of dimensions d, then d big-endian uint32 sizes and the
 * big-endian elements. Returns a Left when the magic number is bad, the file is empty or
 * truncated, or the sizes would need more bytes than the file contains, which is checked before
 * anything is allocated.
 *
 * @example
 * const labels = parseIdx(fs.readFileSync('t10k-labels-idx1-ubyte'), { file: 't10k-labels' });
 */
export function parseIdx(
  bytes: Uint8Array,
  options: ParseIdxOptions = {},
): E.Either<DataError, IdxArray> {
  const fail = (problem: string): E.Either<DataError, never> =>
    E.left(new DataError({ file: options.file }, `${problem}.`));

  if (bytes.length === 0) return fail('file is empty. Expected an IDX file');
  const raw = isGzip(bytes) ? gunzip(bytes) : bytes;
  if (typeof raw === 'string') return fail(raw);

  const header = parseHeader(raw);
  if (typeof header === 'string') return fail(header);
  const { typeCode, dims, dataStart } = header;

  const { width } = IDX_TYPES[typeCode];
  const needed = sizeOf(dims) * width;
  const available = raw.length - dataStart;
  if (needed > available) {
    return fail(
      `dimensions ${formatShape(dims)} need ${needed} data bytes, but the file contains only ${available}. The file is truncated or its header is corrupt`,
    );
  }
  if (needed < available) {
    return fail(
      `dimensions ${formatShape(dims)} need ${needed} data bytes, but the file contains ${available}. The file has trailing bytes or its header is corrupt`,
    );
  }
  return E.right({ typeCode, dims, data: decodeElements(raw, dataStart, typeCode, sizeOf(dims)) });
}

/** Reads and parses an IDX file; a missing file gives a Left that names it. */
export function readIdxFile(path: string): E.Either<DataError, IdxArray> {
  return E.chain((bytes: Uint8Array) => parseIdx(bytes, { file: path }))(readFileBytes(path));
}

function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

function gunzip(bytes: Uint8Array): Uint8Array | string {
  try {
    const out = gunzipSync(bytes, { maxOutputLength: MAX_IDX_BYTES });
    // A plain Uint8Array view, because slice() on the Buffer that zlib returns would not copy.
    return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
  } catch (error) {
    return `gzip data is invalid (${(error as Error).message}). The file is truncated or corrupt`;
  }
}

interface IdxHeader {
  readonly typeCode: IdxTypeCode;
  readonly dims: readonly number[];
  readonly dataStart: number;
}

function parseHeader(raw: Uint8Array): IdxHeader | string {
  if (raw.length < 4) {
    return `file must start with a 4-byte magic number (got ${raw.length} bytes). The file is truncated`;
  }
  const typeCode = raw[2] as number;
  if (raw[0] !== 0 || raw[1] !== 0 || !(typeCode in IDX_TYPES)) {
    const magic = Buffer.from(raw.subarray(0, 4)).toString('hex');
    return `magic number must be 0000 followed by a type code in 08, 09, 0b, 0c, 0d, 0e and the number of dimensions (got ${magic}). The file is not an IDX file`;
  }
  const rank = raw[3] as number;
  const dataStart = 4 + 4 * rank;
  if (raw.length < dataStart) {
    return `header must list ${rank} dimensions in ${dataStart} bytes (got ${raw.length} bytes). The file is truncated`;
  }
  const view = new DataView(raw.buffer, raw.byteOffset, dataStart);
  const dims = Array.from({ length: rank }, (_, i) => view.getUint32(4 + 4 * i, false));
  return { typeCode: typeCode as IdxTypeCode, dims: Object.freeze(dims), dataStart };
}

function decodeElements(
  raw: Uint8Array,
  start: number,
  typeCode: IdxTypeCode,
  count: number,
): IdxArray['data'] {
  if (typeCode === 0x08) return raw.slice(start, start + count);
  if (typeCode === 0x09) return new Int8Array(raw.slice(start, start + count).buffer);

  // Wider elements are big-endian, so they are read one by one through a DataView.
  const view = new DataView(raw.buffer, raw.byteOffset + start, count * IDX_TYPES[typeCode].width);
  const read = {
    0x0b: () => Int16Array.from({ length: count }, (_, i) => view.getInt16(2 * i, false)),
    0x0c: () => Int32Array.from({ length: count }, (_, i) => view.getInt32(4 * i, false)),
    0x0d: () => Float32Array.from({ length: count }, (_, i) => view.getFloat32(4 * i, false)),
    0x0e: () => Float64Array.from({ length: count }, (_, i) => view.getFloat64(8 * i, false)),
  };
  return read[typeCode]();
}

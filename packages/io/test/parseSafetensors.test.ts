import { DataError } from '@puregrad/tensor';
import * as fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import {
  MAX_HEADER_BYTES,
  parseSafetensors,
  recordToTensor,
  u8RecordToTensor,
  type SafetensorsFile,
} from '../src/index.js';
import { float64Bits, readGolden } from './helpers/fixtures.js';

function parseRight(bytes: Uint8Array): SafetensorsFile {
  const parsed = parseSafetensors(bytes);
  if (E.isLeft(parsed)) throw parsed.left;
  return parsed.right;
}

function parseLeft(bytes: Uint8Array): DataError {
  const parsed = parseSafetensors(bytes, { file: 'test.safetensors' });
  if (E.isRight(parsed)) throw new Error('expected a Left, got a Right');
  expect(parsed.left).toBeInstanceOf(DataError);
  return parsed.left;
}

/** Builds a file from a header object or text and a data buffer, whose length field is the header's length unless `lengthField` overrides it. */
function build(
  header: unknown,
  data: Uint8Array = new Uint8Array(),
  lengthField?: bigint,
): Uint8Array {
  const json = new TextEncoder().encode(
    typeof header === 'string' ? header : JSON.stringify(header),
  );
  const out = new Uint8Array(8 + json.length + data.length);
  new DataView(out.buffer).setBigUint64(0, lengthField ?? BigInt(json.length), true);
  out.set(json, 8);
  out.set(data, 8 + json.length);
  return out;
}

function valuesOf(file: SafetensorsFile, name: string): number[] {
  const record = file.tensors.get(name);
  if (record === undefined) throw new Error(`missing tensor ${name}`);
  return Array.from(recordToTensor(record).data);
}

describe('parseSafetensors on golden files', () => {
  it('reads reference-attn exactly', () => {
    const file = parseRight(readGolden('reference-attn.safetensors'));
    expect(file.metadata).toBeUndefined();
    expect([...file.tensors.keys()]).toEqual(['attn.0']);
    const attn = recordToTensor(file.tensors.get('attn.0')!);
    expect(attn.dtype).toBe('float32');
    expect(attn.shape).toEqual([1, 2, 3]);
    expect(Array.from(attn.data)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('reads empty-with-metadata', () => {
    const file = parseRight(readGolden('empty-with-metadata.safetensors'));
    expect(file.metadata).toEqual({ framework: 'pt' });
    expect(file.tensors.size).toBe(0);
  });

  it('reads mixed-dtypes bit for bit', () => {
    const file = parseRight(readGolden('mixed-dtypes.safetensors'));
    expect(Object.entries(file.metadata ?? {})).toEqual([
      ['format', 'puregrad'],
      ['note', 'golden file'],
    ]);
    expect([...file.tensors.keys()]).toEqual([
      'layers.0.runningVariance',
      'layers.0.bias',
      'layers.0.weight',
      'optimizer.count',
      'labels',
    ]);
    // 0.1 and 1e-300 are stored as the nearest float64, which is what the literals denote.
    expect(valuesOf(file, 'layers.0.runningVariance').map(float64Bits)).toEqual(
      [1, 0.1, 1e-300].map(float64Bits),
    );
    expect(valuesOf(file, 'layers.0.bias')).toEqual([0.125, -2.5]);
    const weight = valuesOf(file, 'layers.0.weight');
    expect(weight.map(float64Bits)).toEqual([0.5, -1.25, 3, 2 ** -20, -0, 65504].map(float64Bits));
    expect(Object.is(weight[4], -0)).toBe(true);
    expect(valuesOf(file, 'optimizer.count')).toEqual([7]);
    expect(recordToTensor(file.tensors.get('optimizer.count')!).dtype).toBe('int32');
  });

  it('keeps U8 as a raw record', () => {
    const labels = parseRight(readGolden('mixed-dtypes.safetensors')).tensors.get('labels')!;
    expect(labels.dtype).toBe('U8');
    expect(Array.from(labels.bytes)).toEqual([0, 9, 3, 255]);
    expect(() => recordToTensor(labels)).toThrow(/u8RecordToTensor/);
    expect(Array.from(u8RecordToTensor(labels, 'int32').data)).toEqual([0, 9, 3, 255]);
  });
});

describe('parseSafetensors rejects corrupt files', () => {
  const f32 = (offsets: [number, number], shape = [2]) => ({
    dtype: 'F32',
    shape,
    data_offsets: offsets,
  });

  const cases: [string, Uint8Array, RegExp][] = [
    ['fewer than 8 bytes', new Uint8Array(5), /at least the 8-byte header length/],
    ['header longer than file', build('{}', new Uint8Array(), 1000n), /must fit in the 2 bytes/],
    [
      'header over the limit',
      build('{}', new Uint8Array(), BigInt(MAX_HEADER_BYTES) + 1n),
      /at most 100000000 bytes/,
    ],
    ['header length 2^64 - 1', build('{}', new Uint8Array(), 2n ** 64n - 1n), /at most/],
    ['header not JSON', build('{"a":'), /valid JSON/],
    ['header an array', build('[1, 2]'), /JSON object \(got an array\)/],
    ['header null', build('null'), /JSON object \(got null\)/],
    [
      'header not UTF-8',
      build(String.fromCharCode(0x7b, 0x7d)).map((b, i) => (i === 9 ? 0xff : b)),
      /UTF-8/,
    ],
    [
      'unknown dtype',
      build({ a: { dtype: 'BF16', shape: [1], data_offsets: [0, 2] } }, new Uint8Array(2)),
      /dtype must be one of/,
    ],
    ['byte count mismatch', build({ a: f32([0, 12]) }, new Uint8Array(12)), /byte count must be 8/],
    [
      'negative dimension',
      build({ a: f32([0, 8], [-2]) }, new Uint8Array(8)),
      /shape must be an array/,
    ],
    ['reversed offsets', build({ a: f32([8, 0]) }, new Uint8Array(8)), /data_offsets must be/],
    ['entry not an object', build({ a: 3 }), /entry must be an object/],
    ['metadata not strings', build({ __metadata__: { n: 1 } }), /must be a string/],
    [
      'overlapping offsets',
      build({ a: f32([0, 8]), b: f32([4, 12]) }, new Uint8Array(12)),
      /overlap the previous tensor/,
    ],
    [
      'gap between tensors',
      build({ a: f32([0, 8]), b: f32([12, 20]) }, new Uint8Array(20)),
      /leave a gap/,
    ],
    [
      'gap at the start',
      build({ a: f32([4, 12]) }, new Uint8Array(12)),
      /leave a gap after byte 0/,
    ],
    [
      'offsets past the data',
      build({ a: f32([0, 8]) }, new Uint8Array(4)),
      /run past the 4-byte data/,
    ],
    ['trailing bytes', build({ a: f32([0, 8]) }, new Uint8Array(11)), /3 trailing bytes/],
  ];

  it.each(cases)('%s', (_name, bytes, message) => {
    const error = parseLeft(bytes);
    expect(error.message).toMatch(message);
    expect(error.location.file).toBe('test.safetensors');
  });

  it('names the tensor in the location', () => {
    const error = parseLeft(build({ weight: f32([0, 12]) }, new Uint8Array(12)));
    expect(error.location.field).toBe('weight');
    expect(error.message).toMatch(/^test\.safetensors, field "weight": /);
  });

  it('rejects every truncation of a golden file', () => {
    const golden = readGolden('mixed-dtypes.safetensors');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: golden.length - 1 }), (length) => {
        expect(E.isLeft(parseSafetensors(golden.subarray(0, length)))).toBe(true);
      }),
    );
  });

  it('never throws on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const parsed = parseSafetensors(bytes);
        if (E.isLeft(parsed)) expect(parsed.left).toBeInstanceOf(DataError);
      }),
    );
  });

  it('rejects or exactly parses a corrupted header', () => {
    // Flipping one header byte either breaks the header (a Left) or yields another valid header:
    // in that case every record still satisfies the size rule, checked here.
    const golden = readGolden('mixed-dtypes.safetensors');
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 8 + 408 - 1 }),
        fc.integer({ min: 1, max: 255 }),
        (at, mask) => {
          const bytes = golden.slice();
          bytes[at] = (bytes[at] as number) ^ mask;
          const parsed = parseSafetensors(bytes);
          if (E.isRight(parsed)) {
            const total = [...parsed.right.tensors.values()].reduce(
              (n, r) => n + r.bytes.length,
              0,
            );
            expect(total).toBe(64);
          }
        },
      ),
    );
  });
});

import { InvalidArgumentError, tensor, unsafeFromData, type Tensor } from '@puregrad/tensor';
import * as fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import {
  parseSafetensors,
  recordToTensor,
  serializeSafetensors,
  tensorToRecord,
  type SafetensorsRecord,
} from '../src/index.js';
import { elementBits, readGolden } from './helpers/fixtures.js';

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

describe('serializeSafetensors matches golden files', () => {
  it('writes reference-attn byte for byte', () => {
    const attn = tensor([0, 1, 2, 3, 4, 5], { shape: [1, 2, 3] });
    expect(hex(serializeSafetensors({ 'attn.0': attn }))).toBe(
      hex(readGolden('reference-attn.safetensors')),
    );
  });

  it('writes empty-with-metadata byte for byte', () => {
    expect(hex(serializeSafetensors({}, { framework: 'pt' }))).toBe(
      hex(readGolden('empty-with-metadata.safetensors')),
    );
  });

  it('writes mixed-dtypes byte for byte from any input order', () => {
    // The input lists the tensors in an order unlike the file's, so the test checks the sort.
    const tensors = new Map<string, Tensor | SafetensorsRecord>([
      ['labels', { dtype: 'U8', shape: [4], bytes: new Uint8Array([0, 9, 3, 255]) }],
      ['optimizer.count', tensor([7], { dtype: 'int32' })],
      ['layers.0.weight', tensor([0.5, -1.25, 3, 2 ** -20, -0, 65504], { shape: [2, 3] })],
      ['layers.0.runningVariance', tensor([1, 0.1, 1e-300], { dtype: 'float64' })],
      ['layers.0.bias', tensor([0.125, -2.5])],
    ]);
    const metadata = { format: 'puregrad', note: 'golden file' };
    expect(hex(serializeSafetensors(tensors, metadata))).toBe(
      hex(readGolden('mixed-dtypes.safetensors')),
    );
  });

  it('rewrites each golden file unchanged', () => {
    for (const name of ['reference-attn', 'empty-with-metadata', 'mixed-dtypes']) {
      const golden = readGolden(`${name}.safetensors`);
      const parsed = parseSafetensors(golden);
      if (E.isLeft(parsed)) throw parsed.left;
      const { tensors, metadata } = parsed.right;
      expect(hex(serializeSafetensors(tensors, metadata))).toBe(hex(golden));
    }
  });
});

describe('serializeSafetensors rejects invalid input', () => {
  it('rejects a byte count that does not fit', () => {
    const record: SafetensorsRecord = { dtype: 'F32', shape: [3], bytes: new Uint8Array(8) };
    expect(() => serializeSafetensors({ a: record })).toThrow(InvalidArgumentError);
    expect(() => serializeSafetensors({ a: record })).toThrow(/must hold 12 bytes/);
  });

  it('rejects the name __metadata__', () => {
    const map = new Map([['__metadata__', tensor([1])]]);
    expect(() => serializeSafetensors(map)).toThrow(/must not be "__metadata__"/);
  });

  it('rejects a metadata value that is not a string', () => {
    const metadata = { epoch: 3 } as unknown as Record<string, string>;
    expect(() => serializeSafetensors({}, metadata)).toThrow(/metadata value "epoch"/);
  });
});

/** Arbitrary tensors whose elements cover −0, subnormals, ±Infinity and NaN with any payload. */
function arbitraryTensor(): fc.Arbitrary<Tensor> {
  const shape = fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 3 });
  return fc.tuple(fc.constantFrom('F64', 'F32', 'I32'), shape).chain(([dtype, dims]) => {
    const size = dims.reduce((a, b) => a * b, 1);
    const width = dtype === 'F64' ? 8 : 4;
    return fc.uint8Array({ minLength: size * width, maxLength: size * width }).map((bytes) => {
      const buffer = new Uint8Array(bytes).buffer;
      if (dtype === 'F64') return unsafeFromData(new Float64Array(buffer), dims);
      if (dtype === 'F32') return unsafeFromData(new Float32Array(buffer), dims);
      return unsafeFromData(new Int32Array(buffer), dims);
    });
  });
}

describe('safetensors round trip', () => {
  it('parses what it serializes, bit for bit', () => {
    const named = fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), arbitraryTensor(), {
      maxKeys: 6,
    });
    const metadata = fc.option(fc.dictionary(fc.string(), fc.string(), { maxKeys: 3 }), {
      nil: undefined,
    });
    fc.assert(
      fc.property(named, metadata, (tensors, meta) => {
        fc.pre(!('__metadata__' in tensors));
        const bytes = serializeSafetensors(tensors, meta);
        const headerLength = new DataView(bytes.buffer).getBigUint64(0, true);
        expect(headerLength % 8n).toBe(0n);
        const parsed = parseSafetensors(bytes);
        if (E.isLeft(parsed)) throw parsed.left;
        expect(parsed.right.metadata).toEqual(meta);
        expect(parsed.right.tensors.size).toBe(Object.keys(tensors).length);
        for (const [name, original] of Object.entries(tensors)) {
          const read = recordToTensor(parsed.right.tensors.get(name)!);
          expect(read.dtype).toBe(original.dtype);
          expect(read.shape).toEqual(original.shape);
          expect(elementBits(read.data)).toEqual(elementBits(original.data));
        }
      }),
    );
  });

  it('keeps NaN payloads, -0 and subnormals in float32', () => {
    const bits = new Uint32Array([0x7fc00001, 0xffbfffff, 0x80000000, 0x00000001, 0x7f800000]);
    const x = unsafeFromData(new Float32Array(bits.buffer), [5]);
    const record = tensorToRecord(x);
    expect(elementBits(recordToTensor(record).data)).toEqual(elementBits(x.data));
  });
});

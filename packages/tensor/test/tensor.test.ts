import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  DTypeError,
  full,
  InvalidArgumentError,
  ones,
  ShapeError,
  tensor,
  toArray,
  toNested,
  unsafeFromData,
  zeros,
  type NestedArray,
} from '@puregrad/tensor';

describe('tensor', () => {
  it('infers the shape of nested arrays', () => {
    const x = tensor([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(x.dtype).toBe('float32');
    expect(x.shape).toEqual([2, 3]);
    expect(toArray(x)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(tensor(7).shape).toEqual([]);
  });

  it('round-trips nested arrays', () => {
    const nested = fc
      .tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 1, max: 4 }))
      .chain(([rows, cols]) =>
        fc.array(
          fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: cols, maxLength: cols }),
          {
            minLength: rows,
            maxLength: rows,
          },
        ),
      );
    fc.assert(
      fc.property(nested, (values) => {
        expect(toNested(tensor(values, { dtype: 'float64' }))).toEqual(values);
      }),
    );
  });

  it('copies its input', () => {
    const flat = [1, 2, 3, 4];
    const typed = new Float32Array([1, 2]);
    const fromFlat = tensor(flat, { shape: [2, 2] });
    const fromTyped = tensor(typed);
    flat[0] = 100;
    typed[0] = 100;
    expect(fromFlat.data[0]).toBe(1);
    expect(fromTyped.data[0]).toBe(1);
    expect(fromTyped.dtype).toBe('float32');
  });

  it('freezes the shape', () => {
    const x = tensor([1, 2]);
    expect(Object.isFrozen(x.shape)).toBe(true);
  });

  it('rejects ragged arrays, wrong sizes and bad values', () => {
    expect(() => tensor([[1, 2], [3]] as NestedArray)).toThrow(ShapeError);
    expect(() => tensor([1, 2, 3], { shape: [2, 2] })).toThrow(
      'tensor: 3 values do not fill shape [2, 2], which needs 4.',
    );
    expect(() => tensor([1.5], { dtype: 'int32' })).toThrow(InvalidArgumentError);
    expect(() => tensor([2 ** 31], { dtype: 'int32' })).toThrow(/integer in \[-2\^31, 2\^31 - 1\]/);
    expect(() => tensor([1], { dtype: 'bool' as 'int32' })).toThrow(DTypeError);
    expect(() => tensor([1], { shape: [-1] })).toThrow(
      /every dimension must be a non-negative integer/,
    );
  });
});

describe('unsafeFromData', () => {
  it('takes ownership without copying', () => {
    const data = new Float64Array([1, 2, 3, 4]);
    const x = unsafeFromData(data, [2, 2]);
    expect(x.data).toBe(data);
    expect(x.dtype).toBe('float64');
  });

  it('checks the size', () => {
    expect(() => unsafeFromData(new Int32Array(3), [2, 2])).toThrow(ShapeError);
    expect(() => unsafeFromData([1, 2] as unknown as Float32Array, [2])).toThrow(
      InvalidArgumentError,
    );
  });
});

describe('zeros, ones and full', () => {
  it('fill a shape with one value', () => {
    expect(toNested(zeros([2, 1]))).toEqual([[0], [0]]);
    expect(toNested(ones([2], 'int32'))).toEqual([1, 1]);
    expect(toNested(full([1, 2], 0.5, 'float64'))).toEqual([[0.5, 0.5]]);
    expect(() => full([1], 0.5, 'int32')).toThrow(InvalidArgumentError);
  });

  it('take { dtype } as tensor does', () => {
    const z = zeros([2, 3], { dtype: 'float64' });
    expect(z.dtype).toBe('float64');
    expect(z.data).toBeInstanceOf(Float64Array);
    expect(toArray(z)).toEqual([0, 0, 0, 0, 0, 0]);
    const o = ones([2], { dtype: 'int32' });
    expect(o.data).toBeInstanceOf(Int32Array);
    expect(toArray(o)).toEqual([1, 1]);
    expect(toArray(full([2], 0.25, { dtype: 'float64' }))).toEqual([0.25, 0.25]);
    expect(full([1], 2, {}).dtype).toBe('float32');
  });

  it('name the called function in dtype errors', () => {
    const cases = [
      ['zeros', () => zeros([1], { dtype: 'float16' as never })],
      ['ones', () => ones([1], 'bool' as never)],
      ['full', () => full([1], 1, { dtype: 'int8' as never })],
    ] as const;
    for (const [name, call] of cases) {
      expect(call).toThrow(DTypeError);
      expect(call).toThrow(new RegExp(`^${name}: dtype must be float32, float64 or int32`));
    }
    expect(() => zeros([1], { dtype: 'float16' as never })).toThrow(/got "float16"/);
    expect(() => ones([1], 5 as never)).toThrow(
      /ones: dtype must be a dtype string or \{ dtype \}/,
    );
  });

  it('name the called function in shape errors', () => {
    expect(() => zeros([-1])).toThrow(/^zeros: every dimension/);
    expect(() => ones([1.5], { dtype: 'float64' })).toThrow(/^ones: every dimension/);
  });
});

describe('immutability types', () => {
  it('rejects index writes at compile time', () => {
    const x = tensor([1, 2]);
    // @ts-expect-error data is Readonly, so an index write does not compile.
    const write = () => (x.data[0] = 5);
    expect(typeof write).toBe('function');
    // @ts-expect-error shape is a readonly array.
    const push = () => x.shape.push(1);
    expect(typeof push).toBe('function');
  });
});

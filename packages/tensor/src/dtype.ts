/** The element types a tensor can hold. 'int32' is for labels and indices. */
export type DType = 'float32' | 'float64' | 'int32';

/** The floating-point dtypes, the only ones that arithmetic and gradients accept. */
export type FloatDType = 'float32' | 'float64';

/** The typed array that stores each dtype's elements. */
export interface DataTypeMap {
  float32: Float32Array;
  float64: Float64Array;
  int32: Int32Array;
}

export type TypedArray = Float32Array | Float64Array | Int32Array;
export type FloatArray = Float32Array | Float64Array;

/** Allocates a zero-filled typed array of `dtype` with `size` elements. */
export function allocate<D extends DType>(dtype: D, size: number): DataTypeMap[D] {
  switch (dtype) {
    case 'float32':
      return new Float32Array(size) as DataTypeMap[D];
    case 'float64':
      return new Float64Array(size) as DataTypeMap[D];
    case 'int32':
      return new Int32Array(size) as DataTypeMap[D];
  }
  throw new Error(`allocate: unknown dtype ${String(dtype)}`);
}

/** Returns the dtype of a typed array, or undefined for any other kind. */
export function dtypeOfArray(data: unknown): DType | undefined {
  if (data instanceof Float32Array) return 'float32';
  if (data instanceof Float64Array) return 'float64';
  if (data instanceof Int32Array) return 'int32';
  return undefined;
}

export function isFloatDType(dtype: DType): dtype is FloatDType {
  return dtype === 'float32' || dtype === 'float64';
}

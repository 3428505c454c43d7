import type { FloatArray } from '../../dtype.js';

/** Returns true when every given array is a Float32Array, the only dtype the module computes. */
export function allFloat32(...arrays: (FloatArray | undefined)[]): boolean {
  for (const array of arrays) {
    if (array !== undefined && !(array instanceof Float32Array)) return false;
  }
  return true;
}

/** Returns the bytes that `length` float32 values take. */
export function floatBytes(length: number): number {
  return length * 4;
}

import { unsafeFromData, type Int32Tensor } from '@puregrad/tensor';

/** The step count stored in optimizer states: an int32 scalar, so checkpoints can store it. */
export type CountState = {
  readonly count: Int32Tensor;
};

/** Creates the int32 scalar tensor that stores a step count. */
export function countTensor(count: number): Int32Tensor {
  return unsafeFromData(Int32Array.of(count), []);
}

/** Reads a step count from its int32 scalar tensor. */
export function readCount(count: Int32Tensor): number {
  return count.data[0] as number;
}

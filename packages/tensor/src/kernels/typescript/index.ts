import type { Kernels } from '../types.js';
import { activation, activationBackward } from './activation.js';
import { adamUpdate } from './adam.js';
import { batchNormTrainBackward, batchNormTrainForward } from './batchNorm.js';
import { normalizedDenseGrads } from './denseGrads.js';
import { addRowVector, binary, unary } from './elementwise.js';
import { matmul } from './matmul.js';
import { max, sum, sumRows } from './reduce.js';
import { softmaxCrossEntropy } from './softmaxCrossEntropy.js';

/** The plain TypeScript kernels: run everywhere, and serve as the reference for the others. */
export const typescriptKernels: Kernels = {
  name: 'typescript',
  matmul,
  batchNormTrainForward,
  batchNormTrainBackward,
  adamUpdate,
  binary,
  addRowVector,
  unary,
  activation,
  activationBackward,
  sum,
  max,
  sumRows,
  softmaxCrossEntropy,
  normalizedDenseGrads,
};

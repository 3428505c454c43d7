import type { Kernels } from '../types.js';
import { adamUpdate } from './adam.js';
import { batchNormTrainBackward, batchNormTrainForward } from './batchNorm.js';
import { matmul } from './matmul.js';

/** The plain TypeScript kernels: run everywhere, and serve as the reference for the others. */
export const typescriptKernels: Kernels = {
  name: 'typescript',
  matmul,
  batchNormTrainForward,
  batchNormTrainBackward,
  adamUpdate,
};

import {
  allocate,
  getKernels,
  unsafeFromData,
  type FloatArray,
  type Tensor,
  type Tree,
} from '@puregrad/tensor';
import { mapLeaves } from './leafwise.js';

/**
 * Adds updates to params leaf by leaf, `p ← p + u`, and returns the new params; both trees keep
 * their values. The trees must share one structure, and each sum has the param's dtype.
 */
export function applyUpdates<P extends Tree>(params: P, updates: Tree): P {
  const [next] = mapLeaves('applyUpdates', [params, updates], 1, ([param, update]) => {
    const p = (param as Tensor).data as FloatArray;
    const out = allocate((param as Tensor).dtype, p.length) as FloatArray;
    // mapLeaves has checked that both leaves are float32 or both float64, as the kernel needs.
    getKernels().binary('add', p, (update as Tensor).data as FloatArray, out);
    return [unsafeFromData(out, (param as Tensor).shape)];
  });
  return next as P;
}

import { allocate, unsafeFromData, type Tensor, type Tree } from '@puregrad/tensor';
import { mapLeaves } from './leafwise.js';

/**
 * Adds updates to params leaf by leaf, `p ← p + u`, and returns the new params; both trees keep
 * their values. The trees must share one structure, and each sum has the param's dtype.
 */
export function applyUpdates<P extends Tree>(params: P, updates: Tree): P {
  const [next] = mapLeaves('applyUpdates', [params, updates], 1, ([param, update]) => {
    const p = (param as Tensor).data;
    const u = (update as Tensor).data;
    const out = allocate((param as Tensor).dtype, p.length);
    for (let i = 0; i < out.length; i++) out[i] = (p[i] as number) + (u[i] as number);
    return [unsafeFromData(out, (param as Tensor).shape)];
  });
  return next as P;
}

import type { Tree } from './tree.js';
import { treeLeaves } from './treeLeaves.js';

/**
 * Returns the Euclidean norm of all the elements of a tree, `√(Σ_leaves Σ_i x_i²)`, as used to
 * clip grads by their global norm.
 *
 * The sum is accumulated in float64 after dividing by the largest |x|, so squares of large
 * float64 values do not overflow and squares of tiny ones do not underflow. A NaN anywhere gives
 * NaN, an infinite element gives Infinity, and a tree without elements gives 0.
 *
 * @example
 * globalNorm({ weight: tensor([3, 4]) }); // 5
 */
export function globalNorm(tree: Tree): number {
  const leaves = treeLeaves(tree);
  let scale = 0;
  for (const leaf of leaves) {
    for (let i = 0; i < leaf.data.length; i++)
      scale = Math.max(scale, Math.abs(leaf.data[i] as number));
  }
  if (scale === 0 || !Number.isFinite(scale)) return scale;

  let sumOfSquares = 0;
  for (const leaf of leaves) {
    for (let i = 0; i < leaf.data.length; i++) {
      const scaled = (leaf.data[i] as number) / scale;
      sumOfSquares += scaled * scaled;
    }
  }
  return scale * Math.sqrt(sumOfSquares);
}

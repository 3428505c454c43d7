import type { Tensor } from './tensor.js';
import type { Tree } from './tree.js';
import { joinTreePath, walkTrees } from './treeMap.js';

/**
 * Returns the tensors at the leaves of `tree`, arrays in index order and records in sorted key
 * order, so two trees of one structure give their leaves in the same order.
 *
 * @example
 * treeLeaves({ weight: w, bias: b }); // [b, w]
 */
export function treeLeaves(tree: Tree): Tensor[] {
  const leaves: Tensor[] = [];
  walkTrees('treeLeaves', [tree], [], ([leaf]) => leaves.push(leaf as Tensor));
  return leaves;
}

/**
 * Returns `[path, tensor]` pairs for the leaves of `tree` in the order of {@link treeLeaves}. A
 * path joins the indices and keys with dots (`0.weight`, `1.runningMean`) and is empty for a tree
 * that is a single tensor. Checkpoints use these paths as tensor names.
 *
 * @example
 * treeLeavesWithPaths([{ weight: w, bias: b }]); // [['0.bias', b], ['0.weight', w]]
 */
export function treeLeavesWithPaths(tree: Tree): [string, Tensor][] {
  const pairs: [string, Tensor][] = [];
  walkTrees('treeLeavesWithPaths', [tree], [], ([leaf], path) =>
    pairs.push([joinTreePath(path), leaf as Tensor]),
  );
  return pairs;
}

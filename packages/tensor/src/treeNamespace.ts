import { globalNorm } from './globalNorm.js';
import { treeLeaves, treeLeavesWithPaths } from './treeLeaves.js';
import { isTensor, treeMap, treeMapWithPath, treeZip } from './treeMap.js';

/**
 * The tree functions under short names, for code that reads better as `tree.map(...)`:
 * `map` is {@link treeMap}, `mapWithPath` {@link treeMapWithPath}, `zip` {@link treeZip},
 * `leaves` {@link treeLeaves}, `leavesWithPaths` {@link treeLeavesWithPaths}, `globalNorm`
 * {@link globalNorm} and `isTensor` {@link isTensor}.
 *
 * @example
 * const grads = tree.map((g) => scale(g, 0.5), rawGrads);
 */
export const tree = Object.freeze({
  map: treeMap,
  mapWithPath: treeMapWithPath,
  zip: treeZip,
  leaves: treeLeaves,
  leavesWithPaths: treeLeavesWithPaths,
  globalNorm,
  isTensor,
});

export * from './dtype.js';
export * from './errors.js';
export * from './tensor.js';
export * from './kernels/index.js';
export * from './ops/matmul.js';
export * from './ops/elementwise.js';
export * from './ops/reduce.js';
export * from './ops/shape.js';
export { broadcastShapes } from './ops/broadcast.js';
export { assertFloat, assertRank, assertSameDType, normalizeAxis } from './ops/checks.js';
export * from './tree.js';
export {
  isTensor,
  treeMap,
  treeMapWithPath,
  treeZip,
  type LeafFunction,
  type TreePathSegment,
} from './treeMap.js';
export * from './treeLeaves.js';
export * from './globalNorm.js';
export * from './treeNamespace.js';
export { key, split, foldIn, type Key } from './random/key.js';
export { threefry2x32 } from './random/threefry.js';
export { uniform, type UniformOptions } from './random/uniform.js';
export { normal, type NormalOptions } from './random/normal.js';
export * from './random/permutation.js';

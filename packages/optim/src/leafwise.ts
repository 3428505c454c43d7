import {
  allocate,
  DTypeError,
  formatShape,
  ShapeError,
  unsafeFromData,
  type Tensor,
  type Tree,
} from '@puregrad/tensor';

// Optimizers compute several trees from the same leaves in one pass (Adam's update and both
// moments), which a one-output tree map cannot express, so they walk their trees here.

function isTensor(tree: Tree): tree is Tensor {
  return ArrayBuffer.isView((tree as { data?: unknown }).data);
}

function mismatch(fn: string, path: string, problem: string): ShapeError {
  const where = path === '' ? 'the root' : path;
  return new ShapeError(
    `${fn}: the trees must have the same structure as the params (${problem} at ${where}). Pass grads computed for these params.`,
  );
}

function checkLeaves(fn: string, path: string, leaves: readonly Tree[]): readonly Tensor[] {
  const first = leaves[0] as Tensor;
  for (const leaf of leaves) {
    if (!isTensor(leaf)) throw mismatch(fn, path, 'a tensor against a subtree');
    if (leaf.data.length !== first.data.length) {
      const shapes = `${formatShape(first.shape)} against ${formatShape(leaf.shape)}`;
      throw mismatch(fn, path, `shape ${shapes}`);
    }
  }
  checkDTypes(fn, path, leaves as readonly Tensor[]);
  return leaves as readonly Tensor[];
}

// The kernels and loops write each result in the first leaf's dtype, so an int32 or a mixed leaf
// would be truncated or rounded without a word: int32 grads, for one, make every Adam step 0.
function checkDTypes(fn: string, path: string, leaves: readonly Tensor[]): void {
  const where = path === '' ? 'the root' : path;
  const first = leaves[0] as Tensor;
  const other = leaves.find((leaf) => leaf.dtype !== first.dtype);
  if (other !== undefined) {
    throw new DTypeError(
      `${fn}: the trees must have the same dtype at each leaf (got ${first.dtype} and ${other.dtype} at ${where}). Cast the grads or updates to the params' dtype with cast().`,
    );
  }
  if (first.dtype === 'int32') {
    throw new DTypeError(
      `${fn}: every leaf must be float32 or float64 (got int32 at ${where}). Cast integer params, grads or updates with cast(x, 'float32').`,
    );
  }
}

function childKeys(fn: string, path: string, trees: readonly Tree[]): readonly string[] {
  const keys = Object.keys(trees[0] as object);
  for (const tree of trees) {
    if (isTensor(tree) || Array.isArray(tree) !== Array.isArray(trees[0])) {
      throw mismatch(fn, path, 'a subtree of another kind');
    }
    // Records match by key names, in any order: the output follows the first tree's order.
    const other = Object.keys(tree);
    if (other.length !== keys.length || !keys.every((key) => Object.hasOwn(tree, key))) {
      throw mismatch(fn, path, `keys [${keys.join(', ')}] against [${other.join(', ')}]`);
    }
  }
  return keys;
}

function walk(
  fn: string,
  path: string,
  trees: readonly Tree[],
  outputs: number,
  f: (leaves: readonly Tensor[]) => readonly Tensor[],
): Tree[] {
  if (isTensor(trees[0] as Tree)) return [...f(checkLeaves(fn, path, trees))];

  const keys = childKeys(fn, path, trees);
  const children = keys.map((key) => {
    const childPath = path === '' ? key : `${path}.${key}`;
    const subtrees = trees.map((tree) => (tree as Record<string, Tree>)[key] as Tree);
    return walk(fn, childPath, subtrees, outputs, f);
  });

  const results: Tree[] = [];
  for (let out = 0; out < outputs; out++) {
    const parts = children.map((child) => child[out] as Tree);
    if (Array.isArray(trees[0])) results.push(parts);
    else results.push(Object.fromEntries(keys.map((key, i) => [key, parts[i] as Tree])));
  }
  return results;
}

/**
 * Maps the leaves of trees that share one structure, leaf by leaf, to `outputs` new trees of that
 * structure: `f` receives the matching leaves and returns one tensor per output. Throws a
 * ShapeError naming the path where the structures or leaf sizes differ, and a DTypeError naming
 * the path and both dtypes where a leaf is int32 or its dtype differs from the first tree's.
 */
export function mapLeaves(
  fn: string,
  trees: readonly Tree[],
  outputs: number,
  f: (leaves: readonly Tensor[]) => readonly Tensor[],
): Tree[] {
  return walk(fn, '', trees, outputs, f);
}

/** Returns a tree of zeros shaped like `tree`, each leaf with its own dtype. */
export function zerosLike(tree: Tree): Tree {
  const [zeros] = mapLeaves('zerosLike', [tree], 1, ([leaf]) => [
    unsafeFromData(
      allocate((leaf as Tensor).dtype, (leaf as Tensor).data.length),
      (leaf as Tensor).shape,
    ),
  ]);
  return zeros as Tree;
}

/**
 * Checks that grads match the params in structure, leaf size and dtype, for transformations whose
 * own walk does not include the params. Without params it does nothing.
 */
export function checkAgainstParams(fn: string, grads: Tree, params: Tree | undefined): void {
  if (params !== undefined) mapLeaves(fn, [params, grads], 0, () => []);
}

import { dtypeOfArray } from './dtype.js';
import { InvalidArgumentError } from './errors.js';
import { formatShape, type Tensor } from './tensor.js';
import type { Tree } from './tree.js';

/** One step of a path into a tree: an array index or a record key. */
export type TreePathSegment = number | string;

/**
 * A function of the leaves found at one position of several trees. Declared as a method so that
 * callers may narrow the parameter types, e.g. `(param: FloatTensor, grad: FloatTensor) => ...`.
 */
export type LeafFunction<R> = {
  leaf(...leaves: Tensor[]): R;
}['leaf'];

/** Returns true when `value` is a tensor: a dtype, a shape array and a typed array of data. */
export function isTensor(value: unknown): value is Tensor {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<Tensor>;
  return (
    typeof candidate.dtype === 'string' &&
    Array.isArray(candidate.shape) &&
    dtypeOfArray(candidate.data) !== undefined
  );
}

/** Formats a path for messages: indices in brackets and keys after dots, e.g. `[1].weight`. */
export function formatTreePath(path: readonly TreePathSegment[]): string {
  if (path.length === 0) return 'the root';
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else text += text === '' ? segment : `.${segment}`;
  }
  return text;
}

/** Joins a path into a leaf name with dots, e.g. `0.weight`, as checkpoints name tensors. */
export function joinTreePath(path: readonly TreePathSegment[]): string {
  return path.join('.');
}

type NodeKind = 'tensor' | 'array' | 'record';

function kindOf(
  fn: string,
  node: unknown,
  index: number,
  path: readonly TreePathSegment[],
): NodeKind {
  if (isTensor(node)) return 'tensor';
  if (Array.isArray(node)) return 'array';
  const prototype =
    typeof node === 'object' && node !== null ? Object.getPrototypeOf(node) : undefined;
  if (prototype === Object.prototype || prototype === null) return 'record';
  throw new InvalidArgumentError(
    `${fn}: every node must be a tensor, an array or a plain record, but tree ${index} has ${describeValue(node)} at ${formatTreePath(path)}. Replace it with a tensor.`,
  );
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value !== 'object') return `${typeof value} ${String(value)}`;
  return `an object of class ${(value as object).constructor?.name ?? 'unknown'}`;
}

function describeNode(node: Tree, kind: NodeKind): string {
  if (kind === 'tensor') {
    const leaf = node as Tensor;
    return `a ${leaf.dtype} tensor ${formatShape(leaf.shape)}`;
  }
  if (kind === 'array') return `an array of length ${(node as readonly Tree[]).length}`;
  return `a record with keys {${sortedKeys(node).join(', ')}}`;
}

/** Returns the keys of a record in sorted order, the order in which every tree function visits them. */
export function sortedKeys(record: Tree): string[] {
  return Object.keys(record).sort();
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((name, i) => name === b[i]);
}

/**
 * Checks that the nodes of every tree at `path` have the same kind, array length and record keys,
 * and returns that kind. The message names the first tree that differs from tree 0.
 */
function matchNodes(
  fn: string,
  nodes: readonly Tree[],
  path: readonly TreePathSegment[],
): NodeKind {
  const first = nodes[0] as Tree;
  const kind = kindOf(fn, first, 0, path);
  for (let t = 1; t < nodes.length; t++) {
    const node = nodes[t] as Tree;
    const other = kindOf(fn, node, t, path);
    const same =
      other === kind &&
      (kind !== 'array' ||
        (node as readonly Tree[]).length === (first as readonly Tree[]).length) &&
      (kind !== 'record' || sameKeys(sortedKeys(node), sortedKeys(first)));
    if (!same) {
      throw new InvalidArgumentError(
        `${fn}: structures differ at ${formatTreePath(path)}: tree 0 has ${describeNode(first, kind)} but tree ${t} has ${describeNode(node, other)}. Build every tree from the same layers.`,
      );
    }
  }
  return kind;
}

/**
 * Walks several trees of one structure together and calls `visit` on the leaves at each position,
 * visiting records in sorted key order. Returns the structure of tree 0 rebuilt from the results,
 * with tree 0's array order and record key order.
 */
export function walkTrees<R>(
  fn: string,
  nodes: readonly Tree[],
  path: TreePathSegment[],
  visit: (leaves: Tensor[], path: readonly TreePathSegment[]) => R,
): unknown {
  const kind = matchNodes(fn, nodes, path);
  if (kind === 'tensor') return visit(nodes as Tensor[], path);

  if (kind === 'array') {
    const length = (nodes[0] as readonly Tree[]).length;
    const out: unknown[] = [];
    for (let i = 0; i < length; i++) {
      const children = nodes.map((node) => (node as readonly Tree[])[i] as Tree);
      out.push(walkTrees(fn, children, [...path, i], visit));
    }
    return out;
  }

  const record = nodes[0] as { readonly [name: string]: Tree };
  const results = new Map<string, unknown>();
  for (const name of sortedKeys(record)) {
    const children = nodes.map((node) => (node as { readonly [name: string]: Tree })[name] as Tree);
    results.set(name, walkTrees(fn, children, [...path, name], visit));
  }
  const out: { [name: string]: unknown } = {};
  for (const name of Object.keys(record)) out[name] = results.get(name);
  return out;
}

/**
 * Applies `f` to the leaves found at the same position of every tree and returns a tree of the
 * first tree's structure holding the results. The trees must have the same structure: the same
 * array lengths and record keys, and tensors at the same places (their shapes may differ).
 * Records are visited in sorted key order. The result has the first tree's type, which is wrong
 * when `f` changes a leaf's dtype, so such a caller should state the result type itself.
 *
 * @example
 * const next = treeMap((param, update) => add(param, update), params, updates);
 */
export function treeMap<T extends Tree>(
  f: LeafFunction<Tensor>,
  tree: T,
  ...rest: readonly Tree[]
): T {
  return walkTrees('treeMap', [tree, ...rest], [], (leaves) => f(...leaves)) as T;
}

/**
 * Applies `f` to the leaves found at the same position of every tree, like {@link treeMap}, and
 * passes the leaf's name first (dot-joined, e.g. `0.weight`).
 *
 * @example
 * const decayed = treeMapWithPath((name, w) => (name.endsWith('weight') ? scale(w) : w), params);
 */
export function treeMapWithPath<T extends Tree>(
  f: (path: string, ...leaves: Tensor[]) => Tensor,
  tree: T,
  ...rest: readonly Tree[]
): T {
  return walkTrees('treeMapWithPath', [tree, ...rest], [], (leaves, path) =>
    f(joinTreePath(path), ...leaves),
  ) as T;
}

/**
 * Returns, for each leaf position of trees of one structure, the tuple of the leaves found there,
 * in the order of {@link treeLeaves}. Raises an InvalidArgumentError naming the path where the
 * structures differ.
 *
 * @example
 * for (const [param, grad] of treeZip(params, grads)) console.assert(param.shape.length === grad.shape.length);
 */
export function treeZip(...trees: readonly Tree[]): Tensor[][] {
  if (trees.length === 0) return [];
  const tuples: Tensor[][] = [];
  walkTrees('treeZip', trees, [], (leaves) => tuples.push(leaves));
  return tuples;
}

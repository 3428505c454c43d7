import { InvalidArgumentError, isTensor, type Tensor, type Tree } from '@puregrad/tensor';

/** One step into a tree: a record field or an array position. */
export type PathSegment = string | number;

/** A tensor leaf of a tree with the segments that lead to it from the root. */
export interface TreeLeaf {
  readonly segments: readonly PathSegment[];
  readonly tensor: Tensor;
}

/**
 * Lists the tensor leaves of a tree in a fixed order: arrays by position, records by the order
 * of their keys, depth first.
 */
export function treeLeavesWithPaths(tree: Tree): TreeLeaf[] {
  const leaves: TreeLeaf[] = [];
  const visit = (node: Tree, segments: readonly PathSegment[]): void => {
    if (isTensor(node)) {
      leaves.push({ segments, tensor: node });
      return;
    }
    if (Array.isArray(node)) {
      node.forEach((child: Tree, i: number) => visit(child, [...segments, i]));
      return;
    }
    for (const [name, child] of Object.entries(node as { readonly [name: string]: Tree })) {
      visit(child, [...segments, name]);
    }
  };
  visit(tree, []);
  return leaves;
}

/** Returns a new tree equal to `tree` but with `leaf` at `segments`; `tree` is left unchanged. */
export function replaceLeaf(tree: Tree, segments: readonly PathSegment[], leaf: Tensor): Tree {
  if (segments.length === 0) return leaf;
  const [head, ...rest] = segments as [PathSegment, ...PathSegment[]];
  if (isTensor(tree)) {
    throw new InvalidArgumentError(
      `replaceLeaf: the path must end at a tensor leaf (got ${String(head)} below a tensor).`,
    );
  }
  if (Array.isArray(tree)) {
    const copy = [...(tree as readonly Tree[])];
    copy[head as number] = replaceLeaf(childAt(tree, head), rest, leaf);
    return copy;
  }
  return { ...tree, [head]: replaceLeaf(childAt(tree, head), rest, leaf) };
}

function childAt(tree: Tree, segment: PathSegment): Tree {
  const child = (tree as { readonly [key: PathSegment]: Tree | undefined })[segment];
  if (child === undefined) {
    throw new InvalidArgumentError(
      `replaceLeaf: every path segment must name a child (got ${String(segment)}).`,
    );
  }
  return child;
}

/**
 * Formats a path the way TypeScript would index it, e.g. `params[1].weight` for the root name
 * `params` and the segments `[1, 'weight']`.
 */
export function formatPath(root: string, segments: readonly PathSegment[]): string {
  let path = root;
  for (const segment of segments) {
    path += typeof segment === 'number' ? `[${segment}]` : `.${segment}`;
  }
  return path;
}

/** Converts a row-major flat index into one index per axis of `shape`. */
export function unravelIndex(flatIndex: number, shape: readonly number[]): number[] {
  const index = new Array<number>(shape.length).fill(0);
  let rest = flatIndex;
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    const dim = shape[axis] as number;
    index[axis] = rest % dim;
    rest = Math.floor(rest / dim);
  }
  return index;
}

/** Returns a new tree of the same structure with `f` applied to every tensor leaf. */
export function mapLeaves(tree: Tree, f: (leaf: Tensor) => Tensor): Tree {
  if (isTensor(tree)) return f(tree);
  if (Array.isArray(tree)) return (tree as readonly Tree[]).map((child) => mapLeaves(child, f));
  const record = tree as { readonly [name: string]: Tree };
  return Object.fromEntries(
    Object.entries(record).map(([name, child]) => [name, mapLeaves(child, f)]),
  );
}

import { InvalidArgumentError, isTensor, type Tensor, type Tree } from '@puregrad/tensor';

/**
 * The shape of a tree without its tensors, as JSON: a string is a leaf (the tensor's name), an
 * array is an array of subtrees, and an object is a record of subtrees. It lets records and
 * arrays, empty ones included, round-trip through a checkpoint.
 */
export type TreeStructure =
  string | readonly TreeStructure[] | { readonly [key: string]: TreeStructure };

/**
 * Flattens a tree into named tensors and its structure. A tensor's name is `root` followed by the
 * path of array indices and record keys, joined with dots: `params.0.weight`. Records are walked
 * in sorted key order so that equal trees give equal structures.
 *
 * @throws InvalidArgumentError when a leaf is not a tensor or two paths give the same name (a
 * record key that contains a dot, such as `{ "0.weight": w }` beside `[{ weight: w }]`).
 */
export function flattenTree(
  root: string,
  tree: Tree,
): { structure: TreeStructure; tensors: [string, Tensor][] } {
  const tensors: [string, Tensor][] = [];
  const seen = new Set<string>();
  const walk = (node: unknown, name: string): TreeStructure => {
    if (isTensor(node)) {
      if (seen.has(name)) {
        throw new InvalidArgumentError(
          `saveCheckpoint: tensor names must be unique (got "${name}" twice). Rename record keys that contain dots.`,
        );
      }
      seen.add(name);
      tensors.push([name, node]);
      return name;
    }
    if (Array.isArray(node)) return node.map((child, i) => walk(child, `${name}.${i}`));
    if (typeof node === 'object' && node !== null) {
      const keys = Object.keys(node).sort();
      const record = node as Record<string, unknown>;
      return Object.fromEntries(keys.map((key) => [key, walk(record[key], `${name}.${key}`)]));
    }
    throw new InvalidArgumentError(
      `saveCheckpoint: every leaf of ${root} must be a tensor (got ${String(node)} at "${name}"). Store numbers as scalar tensors.`,
    );
  };
  return { structure: walk(tree, root), tensors };
}

/**
 * Rebuilds a tree from its structure, taking each leaf from `lookup` by name. Returns the problem
 * as a string when the structure is not a valid {@link TreeStructure} or names a missing tensor.
 */
export function rebuildTree(
  structure: unknown,
  lookup: (name: string) => Tensor | undefined,
): Tree | string {
  if (typeof structure === 'string') {
    return lookup(structure) ?? `tree names tensor "${structure}", which the tensor file lacks`;
  }
  if (Array.isArray(structure)) {
    const children: Tree[] = [];
    for (const child of structure) {
      const rebuilt = rebuildTree(child, lookup);
      if (typeof rebuilt === 'string') return rebuilt;
      children.push(rebuilt);
    }
    return children;
  }
  if (typeof structure === 'object' && structure !== null) {
    const record: Record<string, Tree> = {};
    for (const [key, child] of Object.entries(structure)) {
      const rebuilt = rebuildTree(child, lookup);
      if (typeof rebuilt === 'string') return rebuilt;
      Object.defineProperty(record, key, {
        value: rebuilt,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return record;
  }
  return `tree structure must be made of strings, arrays and objects (got ${JSON.stringify(structure)})`;
}

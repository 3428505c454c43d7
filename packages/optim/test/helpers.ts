import fc from 'fast-check';
import { tensor, toArray, type FloatDType, type Tensor, type Tree } from '@puregrad/tensor';

/** Builds a small params tree in the layout layers use: an array of records with tensor leaves. */
export function paramsTree(values: readonly number[], dtype: FloatDType = 'float64'): Tree {
  const at = (i: number): number => values[i % values.length] as number;
  return [
    {
      weight: tensor([at(0), at(1), at(2), at(3), at(4), at(5)], { shape: [2, 3], dtype }),
      bias: tensor([at(6), at(7)], { dtype }),
    },
    { gamma: tensor([at(8)], { dtype }) },
  ];
}

/** Arbitrary finite values for a params or grads tree, in a range where float64 sums are exact enough. */
export const treeValues = fc.array(fc.double({ min: -10, max: 10, noNaN: true }), {
  minLength: 9,
  maxLength: 9,
});

/** Lists the leaves of a tree, depth first, in key order. */
export function leaves(tree: Tree): Tensor[] {
  if (ArrayBuffer.isView((tree as Tensor).data)) return [tree as Tensor];
  return Object.values(tree as Record<string, Tree>).flatMap(leaves);
}

/** Lists every number of a tree, leaf after leaf. */
export function flatValues(tree: Tree): number[] {
  return leaves(tree).flatMap((leaf) => toArray(leaf));
}

/** Describes a tree's structure and leaf dtypes and shapes, to compare states across steps. */
export function structureOf(tree: Tree): unknown {
  if (ArrayBuffer.isView((tree as Tensor).data)) {
    const leaf = tree as Tensor;
    return `${leaf.dtype}[${leaf.shape.join(',')}]`;
  }
  if (Array.isArray(tree)) return tree.map(structureOf);
  return Object.fromEntries(
    Object.entries(tree as Record<string, Tree>).map(([key, child]) => [key, structureOf(child)]),
  );
}

/** Deep-copies a tree's numbers, to check later that nothing wrote into it. */
export function snapshot(tree: Tree): number[] {
  return flatValues(tree);
}

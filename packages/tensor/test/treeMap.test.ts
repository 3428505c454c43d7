import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  add,
  InvalidArgumentError,
  isTensor,
  tensor,
  toArray,
  tree as treeFunctions,
  treeLeaves,
  treeMap,
  treeMapWithPath,
  treeZip,
  type FloatTensor,
  type Tensor,
  type Tree,
} from '@puregrad/tensor';
import { tree } from './helpers/arbitraries.js';

const w = tensor([[1, 2]]);
const b = tensor([3]);

describe('treeMap', () => {
  it('keeps the structure and maps every leaf', () => {
    fc.assert(
      fc.property(tree(), (t) => {
        const doubled = treeMap((x: FloatTensor) => add(x, x), t);
        expect(treeLeaves(doubled).map((x) => x.shape)).toEqual(treeLeaves(t).map((x) => x.shape));
        expect(treeLeaves(doubled).map(toArray)).toEqual(
          treeLeaves(t).map((x) => toArray(x).map((v) => 2 * v)),
        );
      }),
    );
  });

  it('maps the identity to an equal tree', () => {
    fc.assert(
      fc.property(tree(), (t) => {
        expect(treeMap((x) => x, t)).toEqual(t);
      }),
    );
  });

  it('passes the leaves of every tree in order', () => {
    const params = [{ weight: w, bias: b }];
    const updates = [{ weight: tensor([[10, 20]]), bias: tensor([30]) }];
    const next = treeMap(
      (param: FloatTensor, update: FloatTensor) => add(param, update),
      params,
      updates,
    );
    expect(toArray(next[0]!.weight)).toEqual([11, 22]);
    expect(toArray(next[0]!.bias)).toEqual([33]);
  });

  it('pairs records by key, not by insertion order', () => {
    const first = { weight: w, bias: b };
    const second = { bias: tensor([100]), weight: tensor([[0, 0]]) };
    const sum = treeMap((x: FloatTensor, y: FloatTensor) => add(x, y), first, second);
    expect(toArray(sum.bias)).toEqual([103]);
    expect(Object.keys(sum)).toEqual(['weight', 'bias']);
  });

  it('names the path where the structures differ', () => {
    const left: Tree = [{ weight: w }, { weight: w, bias: b }];
    const right: Tree = [{ weight: w }, { weight: [w], bias: b }];
    expect(() => treeMap((x) => x, left, right)).toThrow(InvalidArgumentError);
    expect(() => treeMap((x) => x, left, right)).toThrow(
      'treeMap: structures differ at [1].weight: tree 0 has a float32 tensor [1, 2] but tree 1 has an array of length 1.',
    );
  });

  it('reports different keys and array lengths', () => {
    expect(() => treeMap((x) => x, { weight: w }, { bias: b })).toThrow(
      /at the root: tree 0 has a record with keys \{weight\} but tree 1 has a record with keys \{bias\}/,
    );
    expect(() => treeMap((x) => x, [w], [w, w])).toThrow(
      /tree 0 has an array of length 1 but tree 1 has an array of length 2/,
    );
  });

  it('rejects a leaf that is not a tensor', () => {
    const bad = { weight: 3 } as unknown as Tree;
    expect(() => treeMap((x) => x, bad)).toThrow(
      /treeMap: every node must be a tensor, an array or a plain record, but tree 0 has number 3 at weight/,
    );
  });

  it('never changes its inputs', () => {
    fc.assert(
      fc.property(tree(), (t) => {
        const before = structuredClone(t);
        treeMap((x: FloatTensor) => add(x, x), t, t);
        expect(t).toEqual(before);
      }),
    );
  });
});

describe('treeMapWithPath', () => {
  it('passes dot-joined paths', () => {
    const seen: string[] = [];
    treeMapWithPath(
      (path, x) => {
        seen.push(path);
        return x;
      },
      [{ weight: w, bias: b }, [b]],
    );
    expect(seen).toEqual(['0.bias', '0.weight', '1.0']);
  });
});

describe('treeZip', () => {
  it('returns the leaf tuples in leaf order', () => {
    fc.assert(
      fc.property(tree(), (t) => {
        const doubled = treeMap((x: FloatTensor) => add(x, x), t);
        const tuples = treeZip(t, doubled);
        expect(tuples.map(([x]) => x)).toEqual(treeLeaves(t));
        expect(tuples.map(([, y]) => y)).toEqual(treeLeaves(doubled));
      }),
    );
  });

  it('checks structures like treeMap', () => {
    expect(() => treeZip([w], { weight: w })).toThrow(
      /treeZip: structures differ at the root: tree 0 has an array of length 1 but tree 1 has a record/,
    );
  });

  it('returns nothing for no trees', () => {
    expect(treeZip()).toEqual([]);
  });
});

describe('tree namespace and isTensor', () => {
  it('exposes the same functions', () => {
    expect(treeFunctions.map).toBe(treeMap);
    expect(treeFunctions.leaves).toBe(treeLeaves);
    expect(treeFunctions.zip).toBe(treeZip);
  });

  it('recognizes tensors only', () => {
    expect(isTensor(w)).toBe(true);
    const notTensors: unknown[] = [null, 3, [w], { dtype: 'float32', shape: [1], data: [1] }];
    for (const value of notTensors) expect(isTensor(value)).toBe(false);
    const leaf: Tensor = b;
    expect(isTensor(leaf)).toBe(true);
  });
});

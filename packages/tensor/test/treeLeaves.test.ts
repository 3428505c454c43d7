import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { tensor, treeLeaves, treeLeavesWithPaths, treeMap, type Tree } from '@puregrad/tensor';
import { tree } from './helpers/arbitraries.js';

const w = tensor([[1, 2]]);
const b = tensor([3]);
const mean = tensor([0]);

describe('treeLeavesWithPaths', () => {
  it('names leaves by index and sorted key', () => {
    const params: Tree = [{ weight: w, bias: b }, { runningMean: mean }];
    expect(treeLeavesWithPaths(params)).toEqual([
      ['0.bias', b],
      ['0.weight', w],
      ['1.runningMean', mean],
    ]);
  });

  it('gives an empty path for a single tensor', () => {
    expect(treeLeavesWithPaths(w)).toEqual([['', w]]);
  });

  it('agrees with treeLeaves and gives unique paths', () => {
    fc.assert(
      fc.property(tree(), (t) => {
        const pairs = treeLeavesWithPaths(t);
        expect(pairs.map(([, leaf]) => leaf)).toEqual(treeLeaves(t));
        expect(new Set(pairs.map(([path]) => path)).size).toBe(pairs.length);
      }),
    );
  });
});

describe('treeLeaves', () => {
  it('orders record leaves independently of insertion order', () => {
    expect(treeLeaves({ weight: w, bias: b })).toEqual(treeLeaves({ bias: b, weight: w }));
  });

  it('has one leaf per mapped call', () => {
    fc.assert(
      fc.property(tree(), (t) => {
        let calls = 0;
        treeMap((x) => {
          calls++;
          return x;
        }, t);
        expect(treeLeaves(t)).toHaveLength(calls);
      }),
    );
  });

  it('returns nothing for empty containers', () => {
    expect(treeLeaves([])).toEqual([]);
    expect(treeLeaves({ layers: [{}] })).toEqual([]);
  });
});

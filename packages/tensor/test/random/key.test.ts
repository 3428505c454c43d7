import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { foldIn, InvalidArgumentError, key, split, threefry2x32, type Key } from '@puregrad/tensor';

const seed = fc.integer({ min: 0, max: 2 ** 32 - 1 });

describe('key', () => {
  it('puts a 32-bit seed in the second word', () => {
    fc.assert(
      fc.property(seed, (s) => {
        expect(key(s).words).toEqual([0, s]);
      }),
    );
  });

  it('splits a larger seed into high and low words', () => {
    expect(key(2 ** 32 + 5).words).toEqual([1, 5]);
    expect(key(Number.MAX_SAFE_INTEGER).words).toEqual([2 ** 21 - 1, 0xffffffff]);
  });

  it.each([-1, 1.5, Number.NaN, 2 ** 53])('rejects the seed %s', (bad) => {
    expect(() => key(bad)).toThrow(InvalidArgumentError);
    expect(() => key(bad)).toThrow(/key: seed must be a non-negative safe integer/);
  });

  it('is a frozen value', () => {
    const k = key(1);
    expect(Object.isFrozen(k)).toBe(true);
    expect(Object.isFrozen(k.words)).toBe(true);
  });
});

describe('split', () => {
  it('matches the keys JAX prints for split(PRNGKey(0))', () => {
    // The output of jax.random.split(jax.random.PRNGKey(0)) shown in JAX's PRNG tutorial, with
    // the original (non-partitionable) Threefry layout.
    const [first, second] = split(key(0));
    expect(first?.words).toEqual([4146024105, 967050713]);
    expect(second?.words).toEqual([2718843009, 1272950319]);
  });

  it('is deterministic', () => {
    fc.assert(
      fc.property(seed, fc.integer({ min: 1, max: 16 }), (s, n) => {
        expect(split(key(s), n)).toEqual(split(key(s), n));
      }),
    );
  });

  it('returns n distinct keys, all different from the parent', () => {
    fc.assert(
      fc.property(seed, fc.integer({ min: 1, max: 64 }), (s, n) => {
        const parent = key(s);
        const children = split(parent, n);
        expect(children).toHaveLength(n);
        const names = new Set([parent, ...children].map((k) => k.words.join(',')));
        expect(names.size).toBe(n + 1);
      }),
    );
  });

  it('defaults to two keys', () => {
    expect(split(key(3))).toHaveLength(2);
  });

  it.each([0, -1, 2.5])('rejects n = %s', (n) => {
    expect(() => split(key(0), n)).toThrow(/split: n must be an integer in \[1, 2\^31\]/);
  });

  it('rejects a value that is not a key', () => {
    const fake = { kind: 'threefry2x32', words: [1, -1] } as unknown as Key;
    expect(() => split(fake)).toThrow(InvalidArgumentError);
    expect(() => split(fake)).toThrow(/split: key must be a Key/);
  });
});

describe('foldIn', () => {
  it('encrypts the counter (0, n) under the key', () => {
    fc.assert(
      fc.property(seed, seed, fc.integer({ min: 0, max: 2 ** 32 - 1 }), (a, b, n) => {
        const parent: Key = { kind: 'threefry2x32', words: [a, b] };
        expect(foldIn(parent, n).words).toEqual(threefry2x32([a, b], [0, n]));
      }),
    );
  });

  it('gives distinct keys for distinct n', () => {
    const parent = key(42);
    const names = new Set(
      Array.from({ length: 1000 }, (_, n) => foldIn(parent, n).words.join(',')),
    );
    expect(names.size).toBe(1000);
  });

  it.each([-1, 2 ** 32, 0.5])('rejects n = %s', (n) => {
    expect(() => foldIn(key(0), n)).toThrow(/foldIn: n must be an integer in \[0, 2\^32 - 1\]/);
  });
});

import { describe, expect, it } from 'vitest';

import { parseBenchArgs } from '../src/args.js';
import { SYSTEM_NAMES } from '../src/results.js';

describe('parseBenchArgs', () => {
  it('defaults to every system for 3 epochs', () => {
    const options = parseBenchArgs([], 'latest.json');
    expect(options.epochs).toBe(3);
    expect(options.systems).toEqual(SYSTEM_NAMES);
    expect(options.profile).toBe(false);
    expect(options.out).toBe('latest.json');
  });

  it('runs a subset in canonical order', () => {
    const options = parseBenchArgs(['--systems', 'pytorch,jax-js', '--epochs', '2'], 'x');
    expect(options.systems).toEqual(['jax-js', 'pytorch']);
    expect(options.epochs).toBe(2);
  });

  it('rejects fewer than 2 epochs', () => {
    expect(() => parseBenchArgs(['--epochs', '1'], 'x')).toThrow(/at least 2 \(got 1\)/);
    expect(() => parseBenchArgs(['--epochs', '2.5'], 'x')).toThrow(/--epochs/);
  });

  it('rejects an unknown system', () => {
    expect(() => parseBenchArgs(['--systems', 'jax-js,keras'], 'x')).toThrow(/got keras/);
  });
});

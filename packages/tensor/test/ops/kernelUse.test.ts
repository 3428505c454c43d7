import { afterEach, describe, expect, it } from 'vitest';
import {
  add,
  exp,
  getKernels,
  log,
  matmul,
  mean,
  neg,
  setKernels,
  sqrt,
  sub,
  sum,
  tensor,
  typescriptKernels,
  type Kernels,
} from '@puregrad/tensor';

/** Returns kernels that count their calls by name and delegate to the TypeScript kernels. */
function countingKernels(calls: Map<string, number>): Kernels {
  const counted: Record<string, unknown> = { ...typescriptKernels };
  for (const [name, value] of Object.entries(typescriptKernels)) {
    if (typeof value !== 'function') continue;
    counted[name] = (...args: unknown[]) => {
      calls.set(name, (calls.get(name) ?? 0) + 1);
      return (value as (...inner: unknown[]) => unknown)(...args);
    };
  }
  return counted as unknown as Kernels;
}

describe('ops use the active kernels', () => {
  const previous = getKernels();
  afterEach(() => {
    setKernels(previous);
  });

  it('for matmul, arithmetic, bias adds, unary ops and full sums', () => {
    const calls = new Map<string, number>();
    setKernels(countingKernels(calls));
    const x = tensor([
      [1, 2],
      [3, 4],
    ]);
    const row = tensor([10, 20]);

    matmul(x, x);
    add(x, x);
    sub(x, x);
    add(x, row);
    exp(x);
    log(x);
    sqrt(x);
    neg(x);
    sum(x);
    mean(x);

    expect(calls.get('matmul')).toBe(1);
    expect(calls.get('binary')).toBe(2);
    expect(calls.get('addRowVector')).toBe(1);
    expect(calls.get('unary')).toBe(4);
    expect(calls.get('sum')).toBe(2);
  });
});

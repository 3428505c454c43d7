import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assertGradients, checkGradients, GradientCheckError } from '@puregrad/check';
import { key, mul, uniform } from '@puregrad/tensor';
import { report, scaleLayer } from './examples/scaleLayer.js';

const docs = readFileSync(new URL('../../../docs/checking-gradients.md', import.meta.url), 'utf8');
const example = readFileSync(new URL('./examples/scaleLayer.ts', import.meta.url), 'utf8');

describe('docs example', () => {
  it('matches the doc block', () => {
    const block = /```ts\n([\s\S]*?)```/.exec(docs)?.[1];

    expect(block).toBe(example);
  });

  it('passes the check', () => {
    expect(report.ok).toBe(true);
    // 12 input elements and 3 scales.
    expect(report.checked).toBe(15);
  });

  it('fails with dx set to dy', () => {
    const broken = {
      ...scaleLayer,
      apply: (...args: Parameters<typeof scaleLayer.apply>) => {
        const applied = scaleLayer.apply(...args);
        return {
          ...applied,
          backward: (dy: (typeof args)[2]) => ({ ...applied.backward(dy), dx: dy }),
        };
      },
    };
    const { params, state } = broken.init(key(0), [3], { dtype: 'float64' });
    const input = uniform(key(1), [4, 3], { dtype: 'float64', low: -2, high: 2 });
    const run = () => assertGradients({ layer: broken, params, state, input, mode: 'train' });

    expect(run).toThrow(GradientCheckError);
    const shown = /```text\n([\s\S]*?)```/.exec(docs)?.[1] ?? '';
    for (const line of shown.trim().split('\n')) expect(run).toThrow(line);
  });

  it('names a grad of the wrong shape', () => {
    const broken = {
      ...scaleLayer,
      apply: (...args: Parameters<typeof scaleLayer.apply>) => {
        const applied = scaleLayer.apply(...args);
        const x = args[2];
        return {
          ...applied,
          backward: (dy: typeof x) => ({
            dx: mul(dy, args[0].scale),
            grads: { scale: mul(dy, x) },
          }),
        };
      },
    };
    const { params, state } = broken.init(key(0), [3], { dtype: 'float64' });
    const input = uniform(key(1), [4, 3], { dtype: 'float64' });

    expect(() => checkGradients({ layer: broken, params, state, input, mode: 'train' })).toThrow(
      /gradient for params\.scale must have shape \[3\]/,
    );
  });
});

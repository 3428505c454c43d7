import { key, tensor } from '@puregrad/tensor';
import { dense, sequential, softmaxCrossEntropy } from '@puregrad/nn';
import { expect, it } from 'vitest';

// The example of packages/nn/README.md, run as written.
it('README example trains one step', () => {
  const model = sequential(dense({ units: 16 }), dense({ units: 3, activation: 'identity' }));
  const { params, state } = model.init(key(0), [4]);
  const x = tensor([
    [0.1, 0.2, 0.3, 0.4],
    [1, 0, -1, 0.5],
  ]);
  const { y, state: next, backward } = model.apply(params, state, x, { mode: 'train' });
  const labels = tensor([2, 0], { dtype: 'int32' });
  const { value, grad } = softmaxCrossEntropy.valueAndGradient(y, labels);
  const { grads } = backward(grad, { inputGrad: false });

  expect(y.shape).toEqual([2, 3]);
  expect(Number.isFinite(value)).toBe(true);
  expect(grads).toHaveLength(2);
  expect(next).not.toBe(state);
});

// Type-level tests: `npx tsc -p tsconfig.json` compiles this file, and a call below that does not
// type-check fails that run. The runtime checks only confirm that the calls also work.
import {
  key,
  tensor,
  zeros,
  type FloatDType,
  type FloatTensor,
  type Float32Tensor,
  type Tensor,
} from '@puregrad/tensor';
import { dense, meanSquaredError, softmaxCrossEntropy } from '@puregrad/nn';
import { describe, expect, expectTypeOf, it } from 'vitest';

describe('tensor types at nn boundaries', () => {
  it('Tensor distributes over dtype unions', () => {
    expectTypeOf<Tensor<FloatDType>>().toEqualTypeOf<FloatTensor>();
    expectTypeOf<Tensor<'float32'>>().toEqualTypeOf<Float32Tensor>();
    expectTypeOf(tensor([[1, 2]])).toEqualTypeOf<Float32Tensor>();
    expectTypeOf(zeros([2], { dtype: 'float64' }).dtype).toEqualTypeOf<'float64'>();
  });

  it('losses take tensor() results directly', () => {
    const value = softmaxCrossEntropy.compute(tensor([[1, 2]]), tensor([[0, 1]]));
    // The logits are exact in float32 and the loss is summed in float64: log(1 + e⁻¹).
    expect(Math.abs(value - Math.log(1 + Math.exp(-1)))).toBeLessThan(1e-12);
  });

  it('losses take a FloatDType-typed tensor', () => {
    const dtype = 'float64' as FloatDType;
    const predictions = tensor([[1, 2]], { dtype });
    expectTypeOf(predictions).toEqualTypeOf<FloatTensor>();
    expect(meanSquaredError.compute(predictions, tensor([[1, 2]], { dtype }))).toBe(0);
    const { grad } = softmaxCrossEntropy.valueAndGradient(predictions, tensor([[1, 0]], { dtype }));
    expect(grad.dtype).toBe('float64');
  });

  it('layers take a FloatDType-typed input', () => {
    const dtype = 'float64' as FloatDType;
    const layer = dense({ units: 2, batchNorm: false });
    const { params, state } = layer.init(key(0), [3], { dtype });
    const { y } = layer.apply(params, state, tensor([[1, 2, 3]], { dtype }), { mode: 'infer' });
    expect(y.shape).toEqual([1, 2]);
  });
});

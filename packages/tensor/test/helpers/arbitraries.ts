import fc from 'fast-check';
import {
  tensor,
  type FloatDType,
  type FloatTensor,
  type Tensor,
  type Tree,
} from '@puregrad/tensor';

/** Generates a small float64 tensor of rank 0 to 2 with finite elements in [-100, 100]. */
export function smallTensor(): fc.Arbitrary<Tensor<'float64'>> {
  return fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 0, maxLength: 2 }).chain((shape) => {
    const size = shape.reduce((a, b) => a * b, 1);
    const element = fc.double({ min: -100, max: 100, noNaN: true });
    return fc
      .array(element, { minLength: size, maxLength: size })
      .map((values) => tensor(values, { shape, dtype: 'float64' }));
  });
}

/** Generates a tree of nested arrays and records, up to depth 3, with small tensors at the leaves. */
export function tree(): fc.Arbitrary<Tree> {
  const { node } = fc.letrec<{ node: Tree }>((self) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      smallTensor(),
      fc.array(self('node'), { maxLength: 3 }),
      fc.dictionary(
        fc.constantFrom('weight', 'bias', 'gamma', 'beta', 'runningMean'),
        self('node'),
        {
          maxKeys: 3,
        },
      ),
    ),
  }));
  return node;
}

/** Generates a dimension in [1, max]. */
export function dimension(max = 6): fc.Arbitrary<number> {
  return fc.integer({ min: 1, max });
}

/**
 * Generates a `[rows, cols]` matrix of `dtype` with elements in [-100, 100]. Magnitudes below
 * 1e-6 become 0, so no product of three elements underflows and the relative tolerances hold.
 */
export function matrix(rows: number, cols: number, dtype: FloatDType): fc.Arbitrary<FloatTensor> {
  const element = fc
    .double({ min: -100, max: 100, noNaN: true, noDefaultInfinity: true })
    .map((x) => (Math.abs(x) < 1e-6 ? 0 : x));
  return fc
    .array(element, { minLength: rows * cols, maxLength: rows * cols })
    .map((values) => tensor(values, { shape: [rows, cols], dtype }) as FloatTensor);
}

/** Generates a dtype that arithmetic accepts. */
export function floatDType(): fc.Arbitrary<FloatDType> {
  return fc.constantFrom<FloatDType>('float32', 'float64');
}

import { tensor, toArray, type FloatTensor } from '@puregrad/tensor';
import type { Layer, Mode } from '@puregrad/nn';
import { centralDifference, expectClose, project } from './numeric.js';

type Record = { readonly [name: string]: FloatTensor };

/** Returns a fixed float64 projection r shaped like y, so the check's scalar is Σ y ⊙ r. */
export function projectionLike(y: FloatTensor): FloatTensor {
  const values = Array.from(y.data, (_, i) => Math.sin(1.7 * i + 0.3) + 0.25);
  return tensor(values, { shape: y.shape, dtype: 'float64' }) as FloatTensor;
}

/**
 * Asserts that a layer's backward matches float64 central differences of Σ y ⊙ r for x and every
 * param of a flat record, in the given mode. The first mismatch throws and names the param.
 */
export function expectGradientsMatch(
  layer: Layer<Record, Record>,
  params: Record,
  state: Record,
  x: FloatTensor,
  mode: Mode,
  tolerance: number,
): void {
  const applied = layer.apply(params, state, x, { mode });
  const r = projectionLike(applied.y);
  const { dx, grads } = applied.backward(r);
  const loss = (p: Record, input: FloatTensor): number =>
    project(layer.apply(p, state, input, { mode }).y, r);

  expectClose(
    toArray(dx),
    centralDifference(x, (input) => loss(params, input)),
    tolerance,
  );
  for (const name of Object.keys(params)) {
    const numeric = centralDifference(params[name] as FloatTensor, (value) =>
      loss({ ...params, [name]: value }, x),
    );
    try {
      expectClose(toArray(grads[name] as FloatTensor), numeric, tolerance);
    } catch (error) {
      throw new Error(`${name}: ${(error as Error).message}`, { cause: error });
    }
  }
}

import {
  allocate,
  InvalidArgumentError,
  getKernels,
  matmul,
  normal,
  uniform,
  zeros,
  type FloatDType,
  type FloatTensor,
  type Key,
} from '@puregrad/tensor';
import type { Layer } from '../layer.js';
import {
  checkInput,
  checkMode,
  checkOutputGrad,
  checkParamVector,
  checkUnits,
  emptyInputGrad,
  initDType,
  inputFeatures,
  type EmptyState,
} from './checks.js';

/**
 * The weight initialization scheme: He-normal suits relu and leakyRelu, Glorot-uniform the others,
 * and uniformFanIn is the weight initialization of PyTorch's `nn.Linear`, for runs compared with it.
 */
export type WeightInit = 'heNormal' | 'glorotUniform' | 'uniformFanIn';

const weightInits: readonly WeightInit[] = ['heNormal', 'glorotUniform', 'uniformFanIn'];

/** The params of a linear map: weight `[units, inputs]` and bias `[units]`. */
export type LinearParams = {
  readonly weight: FloatTensor;
  readonly bias: FloatTensor;
};

/** Options of {@link linear}. */
export interface LinearOptions {
  /** The number of outputs, a positive integer. */
  readonly units: number;
  /** The weight initialization; glorotUniform unless given. */
  readonly init?: WeightInit;
}

/** Raises an InvalidArgumentError unless init names a known scheme. */
export function checkWeightInit(fn: string, init: unknown): WeightInit {
  if (!weightInits.includes(init as WeightInit)) {
    throw new InvalidArgumentError(
      `${fn}: init must be one of ${weightInits.join(', ')} (got ${String(init)}).`,
    );
  }
  return init as WeightInit;
}

/**
 * Draws a weight `[units, inputs]` and a zero bias `[units]`. He-normal has std √(2 / inputs),
 * which keeps the variance of relu outputs steady from layer to layer; Glorot-uniform draws from
 * [−l, l) with l = √(6 / (inputs + units)), which does the same for activations symmetric about 0.
 * uniformFanIn draws from [−l, l) with l = 1 / √inputs, as PyTorch's `nn.Linear` does (its
 * Kaiming-uniform with a = √5); PyTorch also draws the bias from that range, which this keeps at 0.
 */
export function initLinearParams(
  key: Key,
  inputs: number,
  units: number,
  init: WeightInit,
  dtype: FloatDType,
): LinearParams {
  const shape = [units, inputs];
  const weight =
    init === 'heNormal'
      ? normal(key, shape, { dtype, std: Math.sqrt(2 / inputs) })
      : uniform(key, shape, {
          dtype,
          low: -limitOf(init, inputs, units),
          high: limitOf(init, inputs, units),
        });
  return { weight: weight as FloatTensor, bias: zeros([units], dtype) as FloatTensor };
}

function limitOf(init: 'glorotUniform' | 'uniformFanIn', inputs: number, units: number): number {
  return init === 'glorotUniform' ? Math.sqrt(6 / (inputs + units)) : 1 / Math.sqrt(inputs);
}

/** The gradients of an affine map: dx (unless skipped), dweight and dbias. */
export interface AffineGrads {
  readonly dx: FloatTensor | undefined;
  readonly weight: FloatTensor;
  readonly bias: FloatTensor;
}

/**
 * Computes `Z = X Wᵀ + b` for x `[batch, inputs]`, weight `[units, inputs]` and bias `[units]`, and
 * returns Z `[batch, units]` with its backward: `dX = dZ W`, `dW = dZᵀ X`, `db = Σ_rows dZ`. The
 * inputs are checked by the caller.
 */
export function affine(
  x: FloatTensor,
  weight: FloatTensor,
  bias: FloatTensor,
): { z: FloatTensor; backward: (dz: FloatTensor, inputGrad: boolean) => AffineGrads } {
  const [batch, inputs] = x.shape as [number, number];
  const units = weight.shape[0] as number;
  const product = allocate(x.dtype, batch * units);
  getKernels().matmul(x.data, weight.data, product, batch, inputs, units, false, true);

  // The kernels never write into an input, so the bias add needs an output of its own.
  const out = allocate(x.dtype, batch * units);
  getKernels().addRowVector(product, bias.data, batch, units, out);
  const z = { dtype: x.dtype, shape: Object.freeze([batch, units]), data: out } as FloatTensor;

  const backward = (dz: FloatTensor, inputGrad: boolean): AffineGrads => {
    const dBias = allocate(dz.dtype, units);
    getKernels().sumRows(dz.data, batch, units, dBias);
    return {
      dx: inputGrad ? matmul(dz, weight) : undefined,
      weight: matmul(dz, x, { transposeA: true }),
      bias: { dtype: dz.dtype, shape: Object.freeze([units]), data: dBias } as FloatTensor,
    };
  };
  return { z, backward };
}

/**
 * Builds a fully connected layer without activation: `Z = X Wᵀ + b` for x `[batch, inputs]`, with params
 * weight `[units, inputs]` and bias `[units]` and no state. The weight is read transposed in place
 * (matmul with transposeB), never copied into Wᵀ.
 *
 * @example
 * const layer = linear({ units: 3 });
 * const { params, state } = layer.init(key(0), [4]);
 * const { y } = layer.apply(params, state, x, { mode: 'train' }); // y [batch, 3]
 */
export function linear(options: LinearOptions): Layer<LinearParams, EmptyState> {
  const units = checkUnits('linear', options.units);
  const init = checkWeightInit('linear', options.init ?? 'glorotUniform');

  return {
    config: { kind: 'linear', units, init },
    init(key, inputShape, initOptions) {
      const inputs = inputFeatures('linear', inputShape);
      const params = initLinearParams(key, inputs, units, init, initDType('linear', initOptions));
      return { params, state: {}, outputShape: [units] };
    },
    apply(params, state, x, ctx) {
      checkMode('linear', ctx);
      const { weight, bias } = params;
      checkInput('linear', x, weight.shape[1] as number, weight.dtype, {
        name: 'weight',
        shape: weight.shape,
      });
      checkParamVector('linear', 'bias', bias, weight.shape[0] as number, weight.dtype);
      const { z, backward } = affine(x, weight, bias);
      return {
        y: z,
        state,
        backward: (dy, backwardOptions) => {
          checkOutputGrad('linear backward', dy, z);
          const inputGrad = backwardOptions?.inputGrad ?? true;
          const grads = backward(dy, inputGrad);
          return {
            dx: grads.dx ?? emptyInputGrad(x.dtype),
            grads: { weight: grads.weight, bias: grads.bias },
          };
        },
      };
    },
  };
}

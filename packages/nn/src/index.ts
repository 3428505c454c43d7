export * from './layer.js';
export * from './loss.js';
export type { Activation, ActivationName } from './activations/activation.js';
export {
  DEFAULT_LEAKY_RELU_SLOPE,
  identity,
  leakyRelu,
  leakyReluWithSlope,
  relu,
  sigmoid,
  tanh,
} from './activations/elementwise.js';
export { logsumexp, softmax, softmaxActivation } from './activations/softmax.js';
export {
  activations,
  activationToConfig,
  resolveActivation,
  type ActivationConfig,
  type ActivationSpec,
} from './activations/resolveActivation.js';
export { linear, type LinearOptions, type LinearParams, type WeightInit } from './layers/linear.js';
export {
  batchNorm,
  type BatchNormOptions,
  type BatchNormParams,
  type BatchNormState,
} from './layers/batchNorm.js';
export { activation } from './layers/activationLayer.js';
export { dense, type DenseOptions, type DenseParams } from './layers/dense.js';
export { sequential } from './layers/sequential.js';
export { layerFromConfig } from './layers/layerFromConfig.js';
export type { EmptyParams, EmptyState } from './layers/checks.js';
export { meanSquaredError } from './losses/meanSquaredError.js';
export { softmaxCrossEntropy } from './losses/softmaxCrossEntropy.js';

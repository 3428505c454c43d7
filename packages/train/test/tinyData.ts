import { dense, meanSquaredError, softmaxCrossEntropy } from '@puregrad/nn';
import { adam, sgd } from '@puregrad/optim';
import { tensor, uniform, type Key } from '@puregrad/tensor';
import { network, type Batch, type Network } from '@puregrad/train';

/** Draws `count` samples of 3 features in [−1, 1) labelled by the sign of their sum. */
export function tinyClassification(key: Key, count: number): Batch {
  const inputs = uniform(key, [count, 3], { dtype: 'float64', low: -1, high: 1 });
  const labels: number[] = [];
  for (let i = 0; i < count; i++) {
    const sum = (inputs.data[3 * i] as number) + (inputs.data[3 * i + 1] as number);
    labels.push(sum + (inputs.data[3 * i + 2] as number) > 0 ? 1 : 0);
  }
  return { inputs, targets: tensor(labels, { dtype: 'int32' }) };
}

/** Builds a small batch-normalized classifier for 3 features and 2 classes, in float64. */
export function tinyClassifier(learningRate = 0.05): Network {
  return network({
    inputShape: [3],
    layers: [dense({ units: 8 }), dense({ units: 2, activation: 'identity' })],
    loss: softmaxCrossEntropy,
    optimizer: adam({ learningRate }),
  });
}

/** Builds a small regression network for 3 features and 1 output, trained with plain SGD. */
export function tinyRegressor(learningRate: number): Network {
  return network({
    inputShape: [3],
    layers: [
      dense({ units: 4, batchNorm: false }),
      dense({ units: 1, activation: 'identity', batchNorm: false }),
    ],
    loss: meanSquaredError,
    optimizer: sgd({ learningRate }),
  });
}

import * as tf from '@tensorflow/tfjs';
import { getThreadsCount } from '@tensorflow/tfjs-backend-wasm';

import { CLASSES, PIXELS } from '../digits.js';
import type { Harness, PreparedMatmul } from '../harness.js';
import { accuracyOf } from '../harness.js';
import type { Workload } from '../workload.js';
import { floatArray, intArray } from '../workload.js';

/**
 * Builds the benchmark network the way the TensorFlow.js guides do: a `tf.sequential` model of
 * batchNormalization and dense layers, compiled with Adam and softmax cross-entropy on logits.
 * tfjs's batch-norm momentum weights the old moving value, as the workload's does.
 */
function buildModel(workload: Workload): tf.Sequential {
  const { layers, batchNorm, optimizer } = workload.manifest;
  const model = tf.sequential();
  layers.forEach((layer, index) => {
    model.add(
      tf.layers.batchNormalization({
        ...(index === 0 ? { inputShape: [layer.inputs] } : {}),
        momentum: batchNorm.momentum,
        epsilon: batchNorm.epsilon,
      }),
    );
    model.add(
      tf.layers.dense({
        units: layer.units,
        activation: layer.activation === 'relu' ? 'relu' : 'linear',
      }),
    );
  });
  model.compile({
    optimizer: tf.train.adam(
      optimizer.learningRate,
      optimizer.beta1,
      optimizer.beta2,
      optimizer.epsilon,
    ),
    loss: (targets: tf.Tensor, logits: tf.Tensor) => tf.losses.softmaxCrossEntropy(targets, logits),
  });
  return model;
}

/**
 * Sets the workload's initial params layer by layer, since a model's weight list puts the moving
 * statistics after all trainable weights. tfjs stores a dense kernel `[inputs, units]`, so the
 * workload's weights `[units, inputs]` are transposed.
 */
function setInitialWeights(model: tf.Sequential, workload: Workload): void {
  workload.manifest.layers.forEach((layer, index) => {
    const param = (name: string) => floatArray(workload, `layers.${index}.${name}`);
    tf.tidy(() => {
      const weight = tf.tensor2d(param('weight'), [layer.units, layer.inputs]);
      model.layers[2 * index]!.setWeights([
        tf.tensor1d(param('gamma')),
        tf.tensor1d(param('beta')),
        tf.zeros([layer.inputs]),
        tf.ones([layer.inputs]),
      ]);
      model.layers[2 * index + 1]!.setWeights([weight.transpose(), tf.tensor1d(param('bias'))]);
    });
  });
}

/** Creates the harness for tfjs on its cpu backend (plain JavaScript) or its wasm backend (XNNPACK). */
export async function createTfjsHarness(
  workload: Workload,
  backend: 'cpu' | 'wasm',
): Promise<Harness> {
  if (!(await tf.setBackend(backend))) {
    throw new Error(`createTfjsHarness: the tfjs backend "${backend}" failed to initialize.`);
  }
  await tf.ready();
  const model = buildModel(workload);
  setInitialWeights(model, workload);

  const { trainCount, testCount, batchSize } = workload.manifest;
  const trainImages = tf.tensor2d(floatArray(workload, 'trainImages'), [trainCount, PIXELS]);
  const trainTargets = tf.oneHot(tf.tensor1d(intArray(workload, 'trainLabels'), 'int32'), CLASSES);
  const orders = intArray(workload, 'batchOrders');

  return {
    // The cpu backend is single-threaded JavaScript; the wasm one reports its thread pool.
    threads: backend === 'wasm' ? getThreadsCount() : 1,

    async trainEpoch(epoch) {
      const order = tf.tensor1d(
        orders.subarray(epoch * trainCount, (epoch + 1) * trainCount),
        'int32',
      );
      const images = tf.gather(trainImages, order);
      const targets = tf.gather(trainTargets, order);
      const history = await model.fit(images, targets, {
        batchSize,
        epochs: 1,
        shuffle: false,
        verbose: 0,
      });
      tf.dispose([order, images, targets]);
      return Number(history.history['loss']?.[0]);
    },

    async testAccuracy() {
      const images = tf.tensor2d(floatArray(workload, 'testImages'), [testCount, PIXELS]);
      const logits = model.predict(images) as tf.Tensor;
      const values = await logits.data();
      tf.dispose([images, logits]);
      return accuracyOf(values, intArray(workload, 'testLabels'), CLASSES);
    },

    async prepareMatmul(a, b, m, k, n): Promise<PreparedMatmul> {
      const left = tf.tensor2d(a, [m, k]);
      const right = tf.tensor2d(b, [k, n]);
      return {
        run() {
          const product = tf.matMul(left, right);
          product.dataSync();
          product.dispose();
        },
        dispose: () => tf.dispose([left, right]),
      };
    },
  };
}

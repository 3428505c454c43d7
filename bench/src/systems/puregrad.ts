import { dense, softmaxCrossEntropy } from '@puregrad/nn';
import { adam } from '@puregrad/optim';
import type { FloatTensor, Tree } from '@puregrad/tensor';
import { getKernels, key, matmul, setKernels, unsafeFromData } from '@puregrad/tensor';
import type { Network } from '@puregrad/train';
import { network } from '@puregrad/train';

import { CLASSES, PIXELS } from '../digits.js';
import type { Harness, PreparedMatmul } from '../harness.js';
import { accuracyOf, gatherRows } from '../harness.js';
import type { SystemName } from '../results.js';
import type { Workload } from '../workload.js';
import { batchIndices, batchesPerEpoch, floatArray, intArray } from '../workload.js';

/** Builds the benchmark network: dense layers of @puregrad/nn that batch-normalize their input. */
function buildNetwork(workload: Workload): Network {
  const { layers, batchNorm, optimizer } = workload.manifest;
  const { learningRate, beta1, beta2, epsilon } = optimizer;
  return network({
    inputShape: [PIXELS],
    layers: layers.map((layer) =>
      dense({ units: layer.units, activation: layer.activation, batchNorm }),
    ),
    loss: softmaxCrossEntropy,
    optimizer: adam({ learningRate, beta1, beta2, epsilon }),
  });
}

/** Returns the workload's initial params in the layout of `dense`, and fresh running statistics. */
function readParams(workload: Workload): { params: Tree[]; state: Tree[] } {
  const params: Tree[] = [];
  const state: Tree[] = [];
  workload.manifest.layers.forEach((layer, index) => {
    const param = (name: string) => floatArray(workload, `layers.${index}.${name}`);
    params.push({
      gamma: unsafeFromData(param('gamma'), [layer.inputs]),
      beta: unsafeFromData(param('beta'), [layer.inputs]),
      weight: unsafeFromData(param('weight'), [layer.units, layer.inputs]),
      bias: unsafeFromData(param('bias'), [layer.units]),
    });
    state.push({
      runningMean: unsafeFromData(new Float32Array(layer.inputs), [layer.inputs]),
      runningVariance: unsafeFromData(new Float32Array(layer.inputs).fill(1), [layer.inputs]),
    });
  });
  return { params, state };
}

/**
 * Selects the kernels named by `PUREGRAD_KERNELS`, which the driver sets per system, and returns
 * the threads they compute on.
 */
function selectKernels(system: SystemName): number {
  const wanted = system.startsWith('puregrad-wasm') ? 'wasm' : 'typescript';
  setKernels(wanted);
  if (getKernels().name !== wanted) {
    throw new Error(`createPuregradHarness: the ${wanted} kernels did not become active.`);
  }
  // NOTE: the kernels have no thread pool yet, so the two-thread systems run on one thread and
  // report 1; PUREGRAD_THREADS is passed for the multi-threaded entry once it exists.
  return 1;
}

/**
 * Creates the harness for puregrad with the Wasm or TypeScript kernels. Each batch is one
 * `network.train` step of @puregrad/train on int32 labels.
 */
export async function createPuregradHarness(
  workload: Workload,
  system: SystemName,
): Promise<Harness> {
  const threads = selectKernels(system);
  const net = buildNetwork(workload);
  // init validates the shapes and settings; the workload's values then replace its params.
  net.init(key(workload.manifest.seed));
  let { params, state } = readParams(workload) as {
    params: readonly Tree[];
    state: readonly Tree[];
  };
  let optState = net.optimizer.init(params);
  const trainImages = floatArray(workload, 'trainImages');
  const trainLabels = intArray(workload, 'trainLabels');

  return {
    threads,

    async trainEpoch(epoch) {
      let total = 0;
      const batches = batchesPerEpoch(workload.manifest);
      for (let batch = 0; batch < batches; batch++) {
        const indices = batchIndices(workload, epoch, batch);
        const x = unsafeFromData(gatherRows(trainImages, PIXELS, indices), [
          indices.length,
          PIXELS,
        ]);
        const labels = unsafeFromData(
          Int32Array.from(indices, (i) => trainLabels[i]!),
          [indices.length],
        );

        const step = net.train(params, state, optState, { inputs: x, targets: labels });
        ({ params, state, optState } = step);
        total += step.loss;
      }
      return total / batches;
    },

    async testAccuracy() {
      const { testCount } = workload.manifest;
      const x = unsafeFromData(floatArray(workload, 'testImages'), [testCount, PIXELS]);
      const logits = net.infer(params, state, x);
      return accuracyOf(logits.data, intArray(workload, 'testLabels'), CLASSES);
    },

    async prepareMatmul(a, b, m, k, n): Promise<PreparedMatmul> {
      const left = unsafeFromData(a, [m, k]) as FloatTensor;
      const right = unsafeFromData(b, [k, n]) as FloatTensor;
      return {
        run: () => {
          matmul(left, right);
        },
        dispose: () => {},
      };
    },
  };
}

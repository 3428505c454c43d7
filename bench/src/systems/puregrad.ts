import { dense, softmaxCrossEntropy } from '@puregrad/nn';
import { adam } from '@puregrad/optim';
import type { FloatTensor, Tree } from '@puregrad/tensor';
import { key, matmul, setKernels, unsafeFromData } from '@puregrad/tensor';
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

/** The kernels a puregrad child computes with, and how to stop their workers. */
interface SelectedKernels {
  readonly threads: number;
  close(): Promise<void>;
}

/**
 * Makes the kernels of `system` the active ones. `PUREGRAD_THREADS`, which the driver sets per
 * system, requests threads. Only the Wasm kernels have them (through @puregrad/tensor/node), so the
 * TypeScript kernels always compute on one thread.
 */
async function selectKernels(system: SystemName): Promise<SelectedKernels> {
  const single = { threads: 1, close: async () => {} };
  if (!system.startsWith('puregrad-wasm')) {
    setKernels('typescript');
    return single;
  }
  const requested = Number(process.env['PUREGRAD_THREADS'] ?? '1');
  if (requested <= 1) {
    setKernels('wasm');
    return single;
  }

  const { startThreads } = await import('@puregrad/tensor/node');
  // Activated here rather than by startThreads, so that the kernels of this module's copy of
  // @puregrad/tensor change even if the Node entry resolves to another copy.
  const threaded = await startThreads({ threads: requested, activate: false });
  setKernels(threaded.kernels);
  return { threads: threaded.threads, close: () => threaded.close() };
}

/**
 * Creates the harness for puregrad with the Wasm or TypeScript kernels. Each batch is one
 * `network.train` step of @puregrad/train on int32 labels.
 */
export async function createPuregradHarness(
  workload: Workload,
  system: SystemName,
): Promise<Harness> {
  const kernels = await selectKernels(system);
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
    threads: kernels.threads,
    close: () => kernels.close(),

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

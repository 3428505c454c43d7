import { jit, nn, numpy as np, lax, tree, valueAndGrad } from '@jax-js/jax';

import { CLASSES, PIXELS } from '../digits.js';
import type { Harness, PreparedMatmul } from '../harness.js';
import { accuracyOf, gatherRows } from '../harness.js';
import type { Workload } from '../workload.js';
import { batchIndices, batchesPerEpoch, floatArray, intArray } from '../workload.js';

type LayerParams = { gamma: np.Array; beta: np.Array; weight: np.Array; bias: np.Array };
type LayerState = { runningMean: np.Array; runningVariance: np.Array };
type Params = LayerParams[];
type State = LayerState[];

// jax-js arrays are reference-counted: every use consumes one reference, so a value used twice
// is passed as `.ref` the first time. The functions below follow that rule.

/**
 * Applies one dense layer in training mode: batch normalization of x `[batch, inputs]` with the batch
 * statistics, then `relu(x̂ γ + β) Wᵀ + b` (no relu on the last layer). Returns the output and the
 * next running statistics, with the unbiased batch variance feeding `runningVariance`.
 */
function denseTrain(
  p: LayerParams,
  s: LayerState,
  x: np.Array,
  options: { momentum: number; epsilon: number; relu: boolean },
): [np.Array, LayerState] {
  const rows = x.shape[0]!;
  const batchMean = np.mean(x.ref, 0);
  const centered = x.sub(batchMean.ref);
  const batchVariance = np.mean(np.square(centered.ref), 0);

  const xHat = centered.div(np.sqrt(batchVariance.ref.add(options.epsilon)));
  const z = np.matmul(xHat.mul(p.gamma).add(p.beta), p.weight.transpose()).add(p.bias);
  const y = options.relu ? nn.relu(z) : z;

  const keep = options.momentum;
  const next: LayerState = {
    runningMean: s.runningMean.mul(keep).add(lax.stopGradient(batchMean).mul(1 - keep)),
    runningVariance: s.runningVariance
      .mul(keep)
      .add(lax.stopGradient(batchVariance).mul(((1 - keep) * rows) / (rows - 1))),
  };
  return [y, next];
}

/** Applies one dense layer in inference mode, normalizing with the running statistics. */
function denseInfer(
  p: LayerParams,
  s: LayerState,
  x: np.Array,
  epsilon: number,
  relu: boolean,
): np.Array {
  const xHat = x.sub(s.runningMean).div(np.sqrt(s.runningVariance.add(epsilon)));
  const z = np.matmul(xHat.mul(p.gamma).add(p.beta), p.weight.transpose()).add(p.bias);
  return relu ? nn.relu(z) : z;
}

function readParams(workload: Workload): { params: Params; state: State } {
  const params: Params = [];
  const state: State = [];
  workload.manifest.layers.forEach((layer, index) => {
    const param = (name: string) => np.array(floatArray(workload, `layers.${index}.${name}`));
    params.push({
      gamma: param('gamma'),
      beta: param('beta'),
      weight: param('weight').reshape([layer.units, layer.inputs]),
      bias: param('bias'),
    });
    state.push({ runningMean: np.zeros([layer.inputs]), runningVariance: np.ones([layer.inputs]) });
  });
  return { params, state };
}

/**
 * Creates the harness for jax-js on its Wasm device. The whole training step (forward, gradient
 * by `valueAndGrad`, and a hand-written Adam) runs under one `jit`, which compiles once per batch
 * shape: the full batches and the shorter last one.
 */
export async function createJaxHarness(workload: Workload): Promise<Harness> {
  const { layers, batchNorm, optimizer, testCount } = workload.manifest;
  const last = layers.length - 1;

  const loss = (
    params: Params,
    state: State,
    x: np.Array,
    targets: np.Array,
  ): [np.Array, State] => {
    const next: State = [];
    let activations = x;
    params.forEach((p, index) => {
      const [y, s] = denseTrain(p, state[index]!, activations, {
        ...batchNorm,
        relu: index !== last,
      });
      activations = y;
      next.push(s);
    });
    const batch = targets.shape[0]!;
    const value = nn
      .logSoftmax(activations, -1)
      .mul(targets)
      .sum()
      .mul(-1 / batch);
    return [value, next];
  };

  const { learningRate, beta1, beta2, epsilon } = optimizer;
  const step = jit(
    (
      params: Params,
      state: State,
      m: Params,
      v: Params,
      c1: np.Array,
      c2: np.Array,
      x: np.Array,
      t: np.Array,
    ) => {
      const [[value, nextState], grads] = valueAndGrad(loss, { hasAux: true })(
        tree.ref(params),
        state,
        x,
        t,
      );
      const nextM = tree.map(
        (mi: np.Array, g: np.Array) => mi.mul(beta1).add(g.mul(1 - beta1)),
        m,
        tree.ref(grads),
      );
      const nextV = tree.map(
        (vi: np.Array, g: np.Array) => vi.mul(beta2).add(np.square(g).mul(1 - beta2)),
        v,
        grads,
      );
      const nextParams = tree.map(
        (p: np.Array, mi: np.Array, vi: np.Array) =>
          p.sub(
            mi
              .div(c1.ref)
              .mul(learningRate)
              .div(np.sqrt(vi.div(c2.ref)).add(epsilon)),
          ),
        params,
        tree.ref(nextM),
        tree.ref(nextV),
      );
      c1.dispose();
      c2.dispose();
      return [nextParams, nextState, nextM, nextV, value] as [
        Params,
        State,
        Params,
        Params,
        np.Array,
      ];
    },
  );

  let { params, state } = readParams(workload);
  let m = tree.map((p: np.Array) => np.zeros(p.shape), tree.ref(params)) as Params;
  let v = tree.map((p: np.Array) => np.zeros(p.shape), tree.ref(params)) as Params;
  let stepCount = 0;

  const trainImages = floatArray(workload, 'trainImages');
  const trainLabels = intArray(workload, 'trainLabels');

  return {
    // jax-js spreads work over Web Workers only when they exist, and Node has none.
    threads: 1,

    async trainEpoch(epoch) {
      let total = 0;
      const batches = batchesPerEpoch(workload.manifest);
      for (let batch = 0; batch < batches; batch++) {
        const indices = batchIndices(workload, epoch, batch);
        const x = np
          .array(gatherRows(trainImages, PIXELS, indices))
          .reshape([indices.length, PIXELS]);
        const targets = nn.oneHot(
          np.array(
            Int32Array.from(indices, (i) => trainLabels[i]!),
            { dtype: np.int32 },
          ),
          CLASSES,
        );
        stepCount++;
        const c1 = np.array([1 - beta1 ** stepCount]).reshape([]);
        const c2 = np.array([1 - beta2 ** stepCount]).reshape([]);
        let value: np.Array;
        [params, state, m, v, value] = step(params, state, m, v, c1, c2, x, targets);
        total += (await value.data())[0]!;
      }
      return total / batches;
    },

    async testAccuracy() {
      let x = np.array(floatArray(workload, 'testImages')).reshape([testCount, PIXELS]);
      params.forEach((p, index) => {
        const s = state[index]!;
        x = denseInfer(tree.ref(p), tree.ref(s), x, batchNorm.epsilon, index !== last);
      });
      return accuracyOf(await x.data(), intArray(workload, 'testLabels'), CLASSES);
    },

    async prepareMatmul(a, b, rows, inner, columns): Promise<PreparedMatmul> {
      const left = np.array(a).reshape([rows, inner]);
      const right = np.array(b).reshape([inner, columns]);
      const product = jit((x: np.Array, y: np.Array) => np.matmul(x, y));
      return {
        async run() {
          const out = product(left.ref, right.ref);
          await out.data();
        },
        dispose() {
          left.dispose();
          right.dispose();
          product.dispose();
        },
      };
    },
  };
}

// Profiles one epoch of the digits workload (784 → 256 relu → 128 relu → 10 identity, batch
// norm on every layer's input, softmax cross-entropy, Adam, batch 128, 8,000 samples) and splits
// the time by kernel. Random pixels in [0, 1) stand in for the digits: the arithmetic per step
// is the same, only the loss curve differs. Run from the repository root, where tsconfig.json
// maps @puregrad/* to the sources:
//   npx tsx packages/tensor/scripts/profileTrainStep.ts [wasm|typescript] [epochs] [threads]
// With a thread count, the Wasm matmul runs on that many threads (@puregrad/tensor/node).
import { dense, sequential, softmaxCrossEntropy } from '@puregrad/nn';
import { adam, applyUpdates } from '@puregrad/optim';
import { getKernels, key, setKernels, unsafeFromData, type Kernels } from '@puregrad/tensor';
import { startThreads } from '../src/node/index.js';

const SAMPLES = 8000;
const BATCH = 128;
const PIXELS = 784;
const CLASSES = 10;

/** Wraps every kernel so that each call adds its duration and count to `totals`. */
function timedKernels(inner: Kernels, totals: Map<string, { ms: number; calls: number }>): Kernels {
  const wrapped: Record<string, unknown> = { name: inner.name };
  for (const [name, value] of Object.entries(inner)) {
    if (typeof value !== 'function') continue;
    const entry = { ms: 0, calls: 0 };
    totals.set(name, entry);
    wrapped[name] = (...args: unknown[]) => {
      const start = performance.now();
      const result = (value as (...a: unknown[]) => unknown).apply(inner, args);
      entry.ms += performance.now() - start;
      entry.calls++;
      return result;
    };
  }
  return wrapped as unknown as Kernels;
}

function randomData(seed: number): { images: Float32Array; labels: Int32Array } {
  let state = seed;
  const next = () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const images = Float32Array.from({ length: SAMPLES * PIXELS }, next);
  const labels = Int32Array.from({ length: SAMPLES }, () => Math.floor(next() * CLASSES));
  return { images, labels };
}

async function main(): Promise<void> {
  const backend = (process.argv[2] ?? 'wasm') as Kernels['name'];
  const epochs = Number(process.argv[3] ?? 3);
  setKernels(backend);
  const threads = process.argv[4] === undefined ? undefined : Number(process.argv[4]);
  const threaded = threads === undefined ? undefined : await startThreads({ threads });
  const totals = new Map<string, { ms: number; calls: number }>();
  const inner = getKernels();

  const network = sequential(
    dense({ units: 256, activation: 'relu' }),
    dense({ units: 128, activation: 'relu' }),
    dense({ units: CLASSES, activation: 'identity' }),
  );
  let { params, state } = network.init(key(0), [PIXELS]);
  const optimizer = adam({ learningRate: 1e-3 });
  let optState = optimizer.init(params);
  const { images, labels } = randomData(1);

  for (let epoch = 0; epoch < epochs; epoch++) {
    // The first epoch warms up the JIT; the last one is measured kernel by kernel.
    const measured = epoch === epochs - 1;
    setKernels(measured ? timedKernels(inner, totals) : inner);
    const start = performance.now();
    let loss = 0;
    for (let offset = 0; offset < SAMPLES; offset += BATCH) {
      const rows = Math.min(BATCH, SAMPLES - offset);
      const x = unsafeFromData(images.slice(offset * PIXELS, (offset + rows) * PIXELS), [
        rows,
        PIXELS,
      ]);
      const y = unsafeFromData(labels.slice(offset, offset + rows), [rows]);
      const applied = network.apply(params, state, x, { mode: 'train' });
      const { value, grad } = softmaxCrossEntropy.valueAndGradient(applied.y, y);
      const { grads } = applied.backward(grad, { inputGrad: false });
      const step = optimizer.update(grads, optState, params);
      params = applyUpdates(params, step.updates);
      optState = step.optState;
      state = applied.state;
      loss += value;
    }
    const seconds = (performance.now() - start) / 1000;
    console.log(
      `${backend} epoch ${epoch}: ${seconds.toFixed(3)} s, mean loss ${(loss / Math.ceil(SAMPLES / BATCH)).toFixed(4)}`,
    );
  }
  setKernels(inner);
  await threaded?.close();

  let kernelMs = 0;
  for (const [name, { ms, calls }] of totals) {
    if (calls === 0) continue;
    kernelMs += ms;
    console.log(`  ${name.padEnd(24)} ${ms.toFixed(1).padStart(8)} ms in ${calls} calls`);
  }
  console.log(
    `  ${'all kernels'.padEnd(24)} ${kernelMs.toFixed(1).padStart(8)} ms (the rest is JavaScript outside kernels)`,
  );
}

await main();

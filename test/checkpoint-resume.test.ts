import { loadDigits, subset } from '@puregrad/data';
import { loadCheckpoint, saveCheckpoint } from '@puregrad/io';
import { dense, softmaxCrossEntropy } from '@puregrad/nn';
import { adam } from '@puregrad/optim';
import { key, treeLeaves, type Tree } from '@puregrad/tensor';
import { earlyStopping, fit, network, type EpochRecord, type FitOptions } from '@puregrad/train';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'puregrad-resume-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Returns the Right of an fp-ts Either or throws its Left (this package does not depend on fp-ts). */
function unwrap<T>(either: { _tag: 'Left'; left: Error } | { _tag: 'Right'; right: T }): T {
  if (either._tag === 'Left') throw either.left;
  return either.right;
}

/** Returns the bits of every leaf, so that two trees compare bit for bit (−0 and NaN included). */
function leafBits(tree: Tree): string[] {
  return treeLeaves(tree).map((x) => {
    const data = x.data as Float32Array;
    return Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('hex');
  });
}

describe('training resumed from a checkpoint', () => {
  const splits = unwrap(loadDigits({ seed: 3 }));
  // A few hundred digits keep the test fast; the resume logic does not depend on the size.
  const train = subset(
    splits.train,
    Array.from({ length: 300 }, (_, i) => i * 20),
    'train',
  );
  const validation = subset(
    splits.validation!,
    Array.from({ length: 100 }, (_, i) => i * 8),
    'validation',
  );
  const net = network({
    inputShape: [784],
    layers: [dense({ units: 16 }), dense({ units: 10, activation: 'identity' })],
    loss: softmaxCrossEntropy,
    optimizer: adam({ learningRate: 1e-3 }),
  });
  const start = net.init(key(1));
  const data = { inputs: train.inputs, targets: train.labels };

  // Early stopping keeps its best params and state as tensors in the callback state, so the
  // checkpoint must carry them. Watching for the largest training loss makes epoch 0 the best,
  // so with patience 3 training stops after epoch 3 and restores params saved before the
  // checkpoint. Patience 100 on the validation loss never stops.
  const stopsEarly = earlyStopping({ monitor: 'loss', mode: 'max', patience: 3 });
  const runsOn = earlyStopping({ monitor: 'valLoss', patience: 100 });
  it.each([
    ['stopping after the checkpoint', stopsEarly, true],
    ['running to the end', runsOn, false],
  ] as const)('matches the uninterrupted run %s', (name, callback, stops) => {
    const options: FitOptions = {
      epochs: 5,
      batchSize: 64,
      key: key(2),
      validation: { inputs: validation.inputs, targets: validation.labels },
      callbacks: [callback],
    };
    const whole = fit(net, start, data, options);
    expect(whole.stopped).toBe(stops);

    const half = fit(net, start, data, { ...options, epochs: 2 });
    const saved = saveCheckpoint(join(dir, name.replaceAll(' ', '-')), {
      params: half.params,
      state: half.state,
      optState: half.optState,
      info: {
        architecture: net.config.layers,
        loss: net.config.loss,
        optimizer: net.config.optimizer,
        hyperparameters: { batchSize: 64, epochs: 5 },
        dataset: { name: train.name, classes: [...train.classes] },
        preprocessing: { pixelScale: '1/255' },
        epoch: half.nextEpoch,
        key: options.key,
        history: half.history,
        callbacks: half.callbackStates,
      },
    });
    unwrap(saved);

    const { params, state, optState, info } = unwrap(
      loadCheckpoint(join(dir, name.replaceAll(' ', '-'))),
    );
    const rest = fit(net, { params: params as Tree[], state: state as Tree[], optState }, data, {
      ...options,
      key: info.key!,
      initialEpoch: info.epoch,
      history: info.history as unknown as EpochRecord[],
      callbackStates: info.callbacks as unknown[],
    });

    expect(info.epoch).toBe(2);
    expect(rest.stopped).toBe(stops);
    expect(rest.history).toEqual(whole.history);
    expect(leafBits(rest.params as Tree)).toEqual(leafBits(whole.params as Tree));
    expect(leafBits(rest.state as Tree)).toEqual(leafBits(whole.state as Tree));
    expect(leafBits(rest.optState)).toEqual(leafBits(whole.optState));
    expect(rest.callbackStates).toEqual(whole.callbackStates);
  });
});

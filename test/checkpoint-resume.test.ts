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
  const callbacks = [earlyStopping({ monitor: 'valLoss', patience: 100, restoreBest: false })];
  const options: FitOptions = {
    epochs: 4,
    batchSize: 64,
    key: key(2),
    validation: { inputs: validation.inputs, targets: validation.labels },
    callbacks,
  };
  const data = { inputs: train.inputs, targets: train.labels };

  it('matches the uninterrupted run exactly', () => {
    const whole = fit(net, start, data, options);

    const half = fit(net, start, data, { ...options, epochs: 2 });
    const saved = saveCheckpoint(join(dir, 'epoch-2'), {
      params: half.params,
      state: half.state,
      optState: half.optState,
      info: {
        architecture: net.config.layers as never,
        loss: net.config.loss,
        optimizer: net.config.optimizer as never,
        hyperparameters: { batchSize: 64, epochs: 4 },
        dataset: { name: train.name, classes: [...train.classes] },
        preprocessing: { pixelScale: '1/255' },
        epoch: half.nextEpoch,
        key: options.key,
        history: half.history as never,
        callbacks: half.callbackStates as never,
      },
    });
    unwrap(saved);

    const { params, state, optState, info } = unwrap(loadCheckpoint(join(dir, 'epoch-2')));
    const rest = fit(net, { params: params as Tree[], state: state as Tree[], optState }, data, {
      ...options,
      key: info.key!,
      initialEpoch: info.epoch,
      history: info.history as unknown as EpochRecord[],
      callbackStates: info.callbacks as unknown[],
    });

    expect(info.epoch).toBe(2);
    expect(rest.history).toEqual(whole.history);
    expect(leafBits(rest.params as Tree)).toEqual(leafBits(whole.params as Tree));
    expect(leafBits(rest.state as Tree)).toEqual(leafBits(whole.state as Tree));
    expect(leafBits(rest.optState)).toEqual(leafBits(whole.optState));
    expect(rest.callbackStates).toEqual(whole.callbackStates);
  });
});

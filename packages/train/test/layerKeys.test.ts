import { describe, expect, it } from 'vitest';
import type { Layer } from '@puregrad/nn';
import { softmaxCrossEntropy } from '@puregrad/nn';
import { sgd } from '@puregrad/optim';
import { foldIn, key, split, type Key } from '@puregrad/tensor';
import { fit, network } from '@puregrad/train';
import { tinyClassification } from './tinyData.js';

// A layer without params that passes its input through and records the key of every call, so
// the test can see which keys fit hands to layers.
function keyRecorder(seen: (Key | undefined)[]): Layer {
  return {
    config: { kind: 'keyRecorder' },
    init: (_key, inputShape) => ({ params: {}, state: {}, outputShape: inputShape }),
    apply(_params, state, x, ctx) {
      seen.push(ctx.key);
      return { y: x, state, backward: (dy) => ({ dx: dy, grads: {} }) };
    },
  };
}

describe('layer keys', () => {
  it('fit derives one key per epoch and step', () => {
    const seen: (Key | undefined)[] = [];
    const net = network({
      inputShape: [3],
      layers: [keyRecorder(seen)],
      loss: softmaxCrossEntropy,
      optimizer: sgd({ learningRate: 0.1 }),
    });
    // The three inputs serve as logits, and the labels 0 and 1 are valid classes of three.
    const data = tinyClassification(key(1), 12);
    fit(net, net.init(key(0)), data, { epochs: 2, batchSize: 4, key: key(7) });

    const [, layerKey] = split(key(7)) as [Key, Key];
    const expected = [0, 1].flatMap((epoch) =>
      [0, 1, 2].map((step) => foldIn(foldIn(layerKey, epoch), step)),
    );
    expect(seen).toEqual(expected);
  });

  it('forward passes its key to the layers', () => {
    const seen: (Key | undefined)[] = [];
    const net = network({
      inputShape: [3],
      layers: [keyRecorder(seen)],
      loss: softmaxCrossEntropy,
      optimizer: sgd({ learningRate: 0.1 }),
    });
    const { inputs } = tinyClassification(key(1), 4);
    net.forward([{}], [{}], inputs, key(5));
    net.forward([{}], [{}], inputs);
    expect(seen).toEqual([key(5), undefined]);
  });
});

import { describe, expect, it } from 'vitest';
import { dense, softmaxCrossEntropy } from '@puregrad/nn';
import { adam } from '@puregrad/optim';
import { key, toArray, treeLeaves, type Tree } from '@puregrad/tensor';
import { evaluate, fit, network, type FitOptions, type FitResult } from '@puregrad/train';
import { twoSpirals } from './spirals.js';

// Two spirals of 200 points each, the network dense 32 relu → dense 32 relu → dense 2 identity,
// each batch-normalized, Adam at 1e-2, batch 32, 400 epochs (13 batches each: the last has 16).
// PyTorch reaches 96.5–98% training accuracy on this task over five seeds. A run took 7–14 s in
// vitest when this test was written (the first is slowest while the JIT warms up), so the file
// runs three and shares the first.
const EPOCHS = 400;
const data = twoSpirals(key(100));
const net = network({
  inputShape: [2],
  layers: [dense({ units: 32 }), dense({ units: 32 }), dense({ units: 2, activation: 'identity' })],
  loss: softmaxCrossEntropy,
  optimizer: adam({ learningRate: 1e-2 }),
});
const start = net.init(key(0));
const options: FitOptions = { epochs: EPOCHS, batchSize: 32, key: key(50) };
const values = (tree: Tree): number[][] => treeLeaves(tree).map((leaf) => toArray(leaf));

let whole: FitResult | undefined;
const wholeRun = (): FitResult => (whole ??= fit(net, start, data, options));

describe('two spirals', () => {
  it('reach 95% training accuracy', () => {
    const result = wholeRun();
    const { accuracy } = evaluate(net, result.params, result.state, data);
    expect(result.history).toHaveLength(EPOCHS);
    expect(accuracy).toBeGreaterThanOrEqual(0.95);
  }, 120_000);

  it('same seed repeats the history', () => {
    const again = fit(net, start, data, options);
    expect(again.history).toEqual(wholeRun().history);
    expect(values(again.params)).toEqual(values(wholeRun().params));
  }, 120_000);

  it('resumed halves equal the whole run', () => {
    const half = fit(net, start, data, { ...options, epochs: EPOCHS / 2 });
    const rest = fit(net, half, data, {
      ...options,
      initialEpoch: half.nextEpoch,
      history: half.history,
      callbackStates: half.callbackStates,
    });
    expect(rest.history).toEqual(wholeRun().history);
    expect(values(rest.params)).toEqual(values(wholeRun().params));
    expect(values(rest.state)).toEqual(values(wholeRun().state));
  }, 120_000);
});

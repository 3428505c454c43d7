import {
  DataError,
  InvalidArgumentError,
  key,
  tensor,
  unsafeFromData,
  type Tensor,
  type Tree,
} from '@puregrad/tensor';
import * as fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  loadCheckpoint,
  saveCheckpoint,
  type Checkpoint,
  type LoadedCheckpoint,
} from '../src/index.js';
import { elementBits } from './helpers/fixtures.js';

const root = mkdtempSync(join(tmpdir(), 'puregrad-checkpoint-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let folders = 0;
const freshDir = () => join(root, `c${folders++}`);

const info = {
  architecture: [{ kind: 'dense', units: 2, activation: 'relu' }],
  loss: { kind: 'softmax-cross-entropy' },
  optimizer: { kind: 'adam', learningRate: 0.001 },
  hyperparameters: { batchSize: 32 },
  dataset: { name: 'toy', classes: ['a', 'b'] },
  preprocessing: { kind: 'standardization', mean: [0.5], std: [2] },
  epoch: 3,
  key: key(7),
  metrics: { loss: 0.25 },
  history: [{ epoch: 1, loss: 0.5 }],
};

function sample(): Checkpoint {
  return {
    params: [
      {
        weight: tensor([
          [1, -0],
          [2 ** -149, Infinity],
        ]),
        bias: tensor([0.5, -Infinity]),
      },
    ],
    state: [{ runningMean: tensor([1e-300, 2], { dtype: 'float64' }) }],
    optState: [
      {
        count: tensor(3, { dtype: 'int32' }),
        m: [
          {
            weight: tensor([
              [0, 0],
              [0, 0],
            ]),
          },
        ],
      },
    ],
    info,
  };
}

function loaded(dir: string): LoadedCheckpoint {
  const result = loadCheckpoint(dir);
  if (E.isLeft(result)) throw result.left;
  return result.right;
}

function leftMessage(dir: string): string {
  const result = loadCheckpoint(dir);
  if (E.isRight(result)) throw new Error('expected a Left, got a Right');
  expect(result.left).toBeInstanceOf(DataError);
  return result.left.message;
}

function saved(checkpoint: Checkpoint = sample(), dir = freshDir()): string {
  const result = saveCheckpoint(dir, checkpoint);
  if (E.isLeft(result)) throw result.left;
  return dir;
}

/** Replaces every tensor of a tree by the bits of its elements, so trees compare bit for bit. */
function bitsOf(tree: Tree): unknown {
  if (Array.isArray(tree)) return tree.map(bitsOf);
  if ('dtype' in tree && 'data' in tree) {
    const x = tree as Tensor;
    return { dtype: x.dtype, shape: [...x.shape], bits: elementBits(x.data as Float32Array) };
  }
  return Object.fromEntries(Object.entries(tree).map(([k, v]) => [k, bitsOf(v as Tree)]));
}

describe('saveCheckpoint and loadCheckpoint', () => {
  it('round-trips a checkpoint', () => {
    const dir = saved();
    const back = loaded(dir);
    expect(bitsOf(back.params)).toEqual(bitsOf(sample().params));
    expect(bitsOf(back.state)).toEqual(bitsOf(sample().state));
    expect(bitsOf(back.optState)).toEqual(bitsOf(sample().optState));
    expect(back.info).toEqual(info);
  });

  it('names tensors by tree path', () => {
    const names = loaded(saved()).manifest.tensors.map((entry) => entry.name);
    expect(names).toEqual([
      'optState.0.count',
      'optState.0.m.0.weight',
      'params.0.bias',
      'params.0.weight',
      'state.0.runningMean',
    ]);
  });

  it('writes the manifest fields', () => {
    const manifest = JSON.parse(readFileSync(join(saved(), 'manifest.json'), 'utf8'));
    expect(manifest.format).toBe('puregrad-checkpoint');
    expect(manifest.formatVersion).toBe(1);
    expect(manifest.libraryVersion).toBe('0.1.0');
    expect(manifest.epoch).toBe(3);
    expect(manifest.key).toEqual({ kind: 'threefry2x32', words: [0, 7] });
    expect(manifest.trees.params).toEqual([{ bias: 'params.0.bias', weight: 'params.0.weight' }]);
    expect(manifest.tensors[0]).toEqual({ name: 'optState.0.count', dtype: 'I32', shape: [] });
    expect(manifest.tensorsSha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('rejects overwriting without the option', () => {
    const dir = saved();
    const again = saveCheckpoint(dir, sample());
    expect(E.isLeft(again)).toBe(true);
    const message = E.isLeft(again) ? again.left.message : '';
    expect(message).toMatch(/already contains a checkpoint. Pass overwrite: true/);
    const changed = { ...sample(), info: { ...info, epoch: 4 } };
    expect(E.isRight(saveCheckpoint(dir, changed, { overwrite: true }))).toBe(true);
    expect(loaded(dir).info.epoch).toBe(4);
  });

  it('leaves no temporary files', () => {
    const dir = saved();
    saveCheckpoint(dir, sample(), { overwrite: true });
    expect(readdirSync(dir).sort()).toEqual(['manifest.json', 'model.safetensors']);
  });

  it('keeps the old checkpoint when a save fails', () => {
    const dir = saved();
    const broken = { ...sample(), params: { weight: 3 } as unknown as Tree };
    expect(() => saveCheckpoint(dir, broken, { overwrite: true })).toThrow(InvalidArgumentError);
    expect(loaded(dir).info.epoch).toBe(3);
  });

  it('rejects colliding tensor names', () => {
    const params = [{ weight: tensor([1]) }];
    const state = {};
    const collide = {
      params: { '0': { weight: tensor([1]) }, '0.weight': tensor([2]) },
      state,
      optState: params,
      info,
    };
    expect(() => saveCheckpoint(freshDir(), collide)).toThrow(/got "params.0.weight" twice/);
  });

  it('round-trips empty and nested trees', () => {
    const checkpoint: Checkpoint = {
      params: [[], {}, [{ a: [tensor([1])] }]],
      state: {},
      optState: [],
      info,
    };
    const back = loaded(saved(checkpoint));
    expect(bitsOf(back.params)).toEqual(bitsOf(checkpoint.params));
    expect(back.state).toEqual({});
    expect(back.optState).toEqual([]);
  });
});

describe('checkpoint info values', () => {
  it('round-trips tensors and non-finite numbers', () => {
    const bestParams = [{ weight: tensor([[1, 2]]), bias: tensor([-0]) }];
    const callbacks = [{ best: Infinity, bestEpoch: -1, wait: 0, bestParams }];
    const history = [{ epoch: 0, loss: NaN, valLoss: -Infinity }];
    const back = loaded(saved({ ...sample(), info: { ...info, callbacks, history } })).info;
    const [state] = back.callbacks as [{ best: number; bestParams: Tree }];
    expect(state.best).toBe(Infinity);
    expect(bitsOf(state.bestParams)).toEqual(bitsOf(bestParams));
    expect(back.history).toEqual(history);
  });

  it('stores info tensors by path', () => {
    const callbacks = [{ bestParams: [{ weight: tensor([1]) }] }];
    const dir = saved({ ...sample(), info: { ...info, callbacks } });
    const names = loaded(dir).manifest.tensors.map((entry) => entry.name);
    expect(names).toContain('info.callbacks.0.bestParams.0.weight');
  });

  it('rejects values JSON cannot store', () => {
    const withFunction = { ...sample(), info: { ...info, metrics: { score: () => 1 } } };
    expect(() => saveCheckpoint(freshDir(), withFunction)).toThrow(
      /every info value must be JSON or a tensor \(got a function at "info.metrics.score"\)/,
    );
    const withMap = { ...sample(), info: { ...info, dataset: new Map() } };
    expect(() => saveCheckpoint(freshDir(), withMap)).toThrow(/not a plain record/);
  });

  it('rejects reserved fields and markers', () => {
    const reserved = { ...sample(), info: { ...info, tensors: [] } };
    expect(() => saveCheckpoint(freshDir(), reserved)).toThrow(
      /field "tensors", which the manifest reserves/,
    );
    const marker = { ...sample(), info: { ...info, metrics: { $tensor: 'x' } } };
    expect(() => saveCheckpoint(freshDir(), marker)).toThrow(/only key is \$tensor/);
  });

  it('rejects a bad epoch', () => {
    const bad = { ...sample(), info: { ...info, epoch: -1 } };
    expect(() => saveCheckpoint(freshDir(), bad)).toThrow(InvalidArgumentError);
  });
});

describe('loadCheckpoint rejects bad folders', () => {
  it('rejects a missing folder', () => {
    expect(leftMessage(join(root, 'absent'))).toMatch(/manifest\.json: file not found/);
  });

  it('rejects a missing tensor file', () => {
    const dir = saved();
    rmSync(join(dir, 'model.safetensors'));
    expect(leftMessage(dir)).toMatch(/model\.safetensors: file not found/);
  });

  it('rejects a truncated manifest', () => {
    const dir = saved();
    const text = readFileSync(join(dir, 'manifest.json'), 'utf8');
    writeFileSync(join(dir, 'manifest.json'), text.slice(0, text.length / 2));
    expect(leftMessage(dir)).toMatch(/manifest must be valid JSON/);
  });

  it('rejects tensors from another save', () => {
    // What a save cut short between its two renames would leave: new tensors, old manifest.
    const dir = saved();
    const other = saved({
      ...sample(),
      params: [
        {
          weight: tensor([
            [9, 9],
            [9, 9],
          ]),
          bias: tensor([9, 9]),
        },
      ],
    });
    writeFileSync(join(dir, 'model.safetensors'), readFileSync(join(other, 'model.safetensors')));
    expect(leftMessage(dir)).toMatch(/SHA-256 must match the manifest/);
  });

  it('rejects a manifest whose list differs', () => {
    const dir = saved();
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    manifest.tensors[2].shape = [3];
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
    expect(leftMessage(dir)).toMatch(
      /field "params.0.bias": tensor must have dtype F32 and shape \[3\]/,
    );
  });

  it('rejects a manifest without a field', () => {
    for (const field of ['epoch', 'trees', 'tensors', 'tensorsSha256', 'format', 'formatVersion']) {
      const dir = saved();
      const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
      delete manifest[field];
      writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
      expect(leftMessage(dir)).toContain(`field "${field}"`);
    }
  });

  it('rejects every truncation of the tensor file', () => {
    const dir = saved();
    const whole = readFileSync(join(dir, 'model.safetensors'));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: whole.length - 1 }), (length) => {
        writeFileSync(join(dir, 'model.safetensors'), whole.subarray(0, length));
        expect(leftMessage(dir)).toMatch(/model\.safetensors/);
      }),
      { numRuns: 40 },
    );
  });
});

/** Arbitrary tensors whose elements are any bits: NaN payloads, −0, subnormals and ±Infinity. */
const arbitraryTensor: fc.Arbitrary<Tensor> = fc
  .tuple(
    fc.constantFrom('float32', 'float64', 'int32'),
    fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 2 }),
  )
  .chain(([dtype, shape]) => {
    const size = shape.reduce((a, b) => a * b, 1);
    const width = dtype === 'float64' ? 8 : 4;
    return fc.uint8Array({ minLength: size * width, maxLength: size * width }).map((bytes) => {
      const buffer = new Uint8Array(bytes).buffer;
      if (dtype === 'float64') return unsafeFromData(new Float64Array(buffer), shape);
      if (dtype === 'float32') return unsafeFromData(new Float32Array(buffer), shape);
      return unsafeFromData(new Int32Array(buffer), shape);
    });
  });

const arbitraryTree: fc.Arbitrary<Tree> = fc.letrec<{ tree: Tree }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    arbitraryTensor,
    fc.array(tie('tree'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom('weight', 'bias', 'm', 'v', 'runningMean', 'x'), tie('tree'), {
      maxKeys: 3,
    }),
  ),
})).tree;

describe('checkpoint round trip property', () => {
  it('restores any trees bit for bit', () => {
    fc.assert(
      fc.property(arbitraryTree, arbitraryTree, arbitraryTree, (params, state, optState) => {
        const dir = freshDir();
        const back = loaded(saved({ params, state, optState, info }, dir));
        expect(bitsOf(back.params)).toEqual(bitsOf(params));
        expect(bitsOf(back.state)).toEqual(bitsOf(state));
        expect(bitsOf(back.optState)).toEqual(bitsOf(optState));
        rmSync(dir, { recursive: true });
      }),
      { numRuns: 60 },
    );
  });
});

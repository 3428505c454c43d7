import { readFileSync } from 'node:fs';
import { isLeft } from 'fp-ts/lib/Either.js';
import { parseIdx } from '@puregrad/data';
import { softmax } from '@puregrad/nn';
import { argmax, unsafeFromData, type FloatTensor } from '@puregrad/tensor';
import { booleanOption, stringOption, type ParsedArgs } from '../../args.js';
import { ExitCode, inputError, usageError, type ExitCodeValue } from '../../cliError.js';
import type { CliIo } from '../../cliIo.js';
import type { RunManifest } from '../../checkpoint/runManifest.js';
import { loadRun } from '../../checkpoint/runStore.js';
import { commandOutput } from '../../output.js';
import { resolvePath } from '../../paths.js';
import type { Command } from '../command.js';
import { buildNetwork } from '../train/buildNetwork.js';
import { readCsvRows, readJsonRows, type PredictRows, type RowLayout } from './predictInput.js';

/** The `predict` command: classifies each row of a file with a checkpoint. */
export const predictCommand: Command = {
  spec: {
    name: 'predict',
    summary:
      'Prints the predicted class and the class probabilities for each row of the input file, ' +
      "after the checkpoint's preprocessing. The input is a CSV file, a JSON array of rows, or an " +
      'IDX image file (raw or gzip), told apart by content.',
    positionals: ['CHECKPOINT'],
    options: [
      {
        name: 'input',
        kind: { type: 'string' },
        valueName: 'FILE',
        description:
          'The file of examples: CSV rows or a JSON array of rows in the units of the training ' +
          'data (pixels in [0, 1], raw CSV features), or IDX images of bytes 0 to 255.',
      },
      {
        name: 'json',
        kind: { type: 'boolean' },
        description: 'Prints only one JSON object with the predictions on stdout.',
        defaultText: 'off',
      },
    ],
  },
  run: runPredict,
};

async function runPredict(args: ParsedArgs, io: CliIo): Promise<ExitCodeValue> {
  const givenPath = args.positionals[0] as string;
  const input = stringOption(args, 'input');
  if (input === undefined) {
    throw usageError(
      'puregrad predict: --input is missing. Give the file to classify, e.g. --input rows.csv.',
    );
  }
  const output = commandOutput(io, booleanOption(args, 'json') ?? false);
  const { manifest, values } = loadRun(resolvePath(io.cwd, givenPath), givenPath, 'predict');
  const rows = readRows(resolvePath(io.cwd, input), input, manifest);

  const net = buildNetwork(manifest.settings, manifest.features, manifest.classes.length);
  const x = unsafeFromData(preprocess(rows, manifest), [rows.count, rows.features]) as FloatTensor;
  const probabilities = softmax(net.infer(values.params, values.state, x));
  const labels = argmax(probabilities, 1).data;
  const classes = manifest.classes.length;

  const predictions = Array.from(labels, (label, row) => ({
    row,
    label,
    class: manifest.classes[label] ?? String(label),
    probabilities: Array.from(probabilities.data.subarray(row * classes, (row + 1) * classes)),
  }));
  output.result({ classes: manifest.classes, predictions }, () =>
    renderPredictions(predictions, manifest.classes),
  );
  return ExitCode.ok;
}

function readRows(path: string, givenPath: string, manifest: RunManifest): PredictRows {
  const layout: RowLayout = { features: manifest.features, featureNames: manifest.featureNames };
  const bytes = readInput(path, givenPath);

  // IDX starts with two zero bytes and gzip with 1f 8b; text formats start with neither.
  const isIdx = (bytes[0] === 0 && bytes[1] === 0) || (bytes[0] === 0x1f && bytes[1] === 0x8b);
  if (isIdx) return readIdxRows(bytes, givenPath, layout);
  const text = Buffer.from(bytes).toString('utf8');
  return text.trimStart().startsWith('[')
    ? readJsonRows(text, givenPath, layout)
    : readCsvRows(text, givenPath, layout);
}

function readInput(path: string, givenPath: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const problem = code === 'ENOENT' ? 'was not found' : `could not be read (${code ?? 'error'})`;
    throw inputError(`puregrad predict: ${givenPath} ${problem}. Check the --input path.`);
  }
}

function readIdxRows(bytes: Uint8Array, givenPath: string, layout: RowLayout): PredictRows {
  const parsed = parseIdx(bytes, { file: givenPath });
  if (isLeft(parsed)) throw inputError(`puregrad predict: ${parsed.left.message}`);
  const { dims, data, typeCode } = parsed.right;
  const count = dims[0] ?? 0;
  const features = dims.slice(1).reduce((product, dim) => product * dim, 1);
  if (dims.length < 2 || features !== layout.features || count === 0) {
    throw inputError(
      `puregrad predict: ${givenPath}: the images must have ${layout.features} pixels each, as the ` +
        `checkpoint's input does (got dimensions [${dims.join(', ')}]). Give images like the training images.`,
    );
  }
  // Unsigned bytes are pixels 0..255, which training saw scaled to [0, 1]; other types are used as stored.
  const scale = typeCode === 0x08 ? 1 / 255 : 1;
  return { count, features, values: Float64Array.from(data, (value) => value * scale) };
}

function preprocess(rows: PredictRows, manifest: RunManifest): Float32Array {
  const standardize = manifest.preprocessing.standardize;
  const out = new Float32Array(rows.values.length);
  for (let i = 0; i < out.length; i++) {
    const feature = i % rows.features;
    const value = rows.values[i] as number;
    out[i] =
      standardize === undefined
        ? value
        : (value - (standardize.mean[feature] as number)) / (standardize.std[feature] as number);
  }
  return out;
}

function renderPredictions(
  predictions: readonly { row: number; class: string; probabilities: readonly number[] }[],
  classNames: readonly string[],
): string {
  const nameWidth = Math.max(5, ...classNames.map((name) => name.length));
  const header = `row  ${'class'.padEnd(nameWidth)}  probability  probabilities (${classNames.join(', ')})`;
  const lines = predictions.map((p) => {
    const best = Math.max(...p.probabilities);
    const all = p.probabilities.map((value) => value.toFixed(3)).join(' ');
    return `${String(p.row).padStart(3)}  ${p.class.padEnd(nameWidth)}  ${best.toFixed(4).padStart(11)}  ${all}`;
  });
  return [header, ...lines, ''].join('\n');
}

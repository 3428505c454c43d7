import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isLeft } from 'fp-ts/lib/Either.js';
import {
  isTensorDType,
  readSafetensorsFile,
  recordToTensor,
  writeFileAtomic,
  writeSafetensorsFile,
} from '@puregrad/io';
import {
  formatShape,
  treeLeavesWithPaths,
  treeMapWithPath,
  type Tensor,
  type Tree,
} from '@puregrad/tensor';
import type { NetworkValues } from '@puregrad/train';
import { inputError } from '../cliError.js';
import { buildNetwork } from '../commands/train/buildNetwork.js';
import { runKeys } from '../runKeys.js';
import type { RunManifest, SavedRun } from './runManifest.js';
import { checkRunManifest } from './checkRunManifest.js';

/** The file names inside a checkpoint folder. */
export const checkpointFiles = { tensors: 'model.safetensors', manifest: 'manifest.json' } as const;

/** The format tag and version written into every manifest, so a reader can reject others. */
const format = { name: 'puregrad-cli-run', version: 1 } as const;

/**
 * Saves a run as a checkpoint folder: `model.safetensors` with the params, state and optimizer
 * state named by tree path (`params.0.weight`, `optState.mu.0.weight`), and `manifest.json` with
 * the network config, the run manifest and the list of tensors. Each file is written to a
 * temporary file and renamed, so an interrupted save leaves the previous file whole.
 */
export function saveRun(dir: string, run: SavedRun, options: { overwrite: boolean }): void {
  const manifestPath = join(dir, checkpointFiles.manifest);
  if (existsSync(manifestPath) && !options.overwrite) {
    throw inputError(
      `puregrad: ${dir} already contains a checkpoint. Pass --overwrite to replace it.`,
    );
  }
  mkdirSync(dir, { recursive: true });

  const tensors = new Map(namedTensors(run.values));
  const list = [...tensors].map(([name, t]) => ({ name, dtype: t.dtype, shape: t.shape }));
  const net = buildNetwork(
    run.manifest.settings,
    run.manifest.features,
    run.manifest.classes.length,
  );
  const manifest = {
    format: format.name,
    version: format.version,
    network: net.config,
    run: run.manifest,
    tensors: list,
  };

  // The tensors go first: a manifest only appears once the tensors it lists are complete.
  writeSafetensorsFile(join(dir, checkpointFiles.tensors), tensors, { format: format.name });
  writeFileAtomic(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
}

function namedTensors(values: NetworkValues): [string, Tensor][] {
  const tree: Tree = { params: values.params, state: values.state, optState: values.optState };
  return treeLeavesWithPaths(tree);
}

/**
 * Loads a checkpoint folder that {@link saveRun} wrote. The network is rebuilt from the manifest
 * and initialized to get the tree structure, then every leaf is replaced by the stored tensor of
 * the same path, whose dtype and shape must match. Throws an input CliError naming the file and
 * the field for a missing, corrupt or mismatched checkpoint. `shown` is the path for messages.
 */
export function loadRun(dir: string, shown: string, command: string): SavedRun {
  const manifest = readManifest(join(dir, checkpointFiles.manifest), shown, command);
  const file = readSafetensorsFile(join(dir, checkpointFiles.tensors));
  if (isLeft(file)) throw inputError(`puregrad ${command}: ${file.left.message}`);

  const net = buildNetwork(manifest.settings, manifest.features, manifest.classes.length);
  const template = net.init(runKeys(manifest.settings.seed).init);
  const tree: Tree = {
    params: template.params,
    state: template.state,
    optState: template.optState,
  };
  const tensorsFile = join(shown, checkpointFiles.tensors);
  const loaded = treeMapWithPath((name, expected) => {
    const record = file.right.tensors.get(name);
    if (record === undefined || !isTensorDType(record.dtype)) {
      throw corrupt(command, tensorsFile, `tensor "${name}" is missing or not a number type`);
    }
    const actual = recordToTensor(record);
    if (
      actual.dtype !== expected?.dtype ||
      formatShape(actual.shape) !== formatShape(expected.shape)
    ) {
      throw corrupt(
        command,
        tensorsFile,
        `tensor "${name}" must be ${expected?.dtype} ${formatShape(expected?.shape ?? [])} as the ` +
          `manifest's network needs (got ${actual.dtype} ${formatShape(actual.shape)})`,
      );
    }
    return actual;
  }, tree) as { params: readonly Tree[]; state: readonly Tree[]; optState: Tree };
  return { manifest, values: loaded };
}

function readManifest(path: string, shown: string, command: string): RunManifest {
  const shownFile = join(shown, checkpointFiles.manifest);
  if (!existsSync(path)) {
    throw inputError(
      `puregrad ${command}: ${shownFile} was not found. Give a checkpoint folder that ` +
        '"puregrad train" wrote (the checkpoint path it printed).',
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw corrupt(command, shownFile, `invalid JSON (${(error as Error).message})`);
  }
  const record = json as { format?: unknown; version?: unknown; run?: unknown } | null;
  if (record?.format !== format.name || record.version !== format.version) {
    throw corrupt(
      command,
      shownFile,
      `field "format" must be "${format.name}" version ${format.version}`,
    );
  }
  return checkRunManifest(record.run, (field, rule) =>
    corrupt(command, shownFile, `field "${field === '' ? 'run' : `run.${field}`}" must be ${rule}`),
  );
}

function corrupt(command: string, file: string, problem: string) {
  return inputError(
    `puregrad ${command}: ${file}: ${problem}. The checkpoint is corrupt or from another ` +
      'program; train it again.',
  );
}

import { DataError, InvalidArgumentError, type Tensor } from '@puregrad/tensor';
import * as E from 'fp-ts/lib/Either.js';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { writeFileAtomic } from './atomicWrite.js';
import {
  CHECKPOINT_FILES,
  CHECKPOINT_FORMAT,
  CHECKPOINT_FORMAT_VERSION,
  type Checkpoint,
  type CheckpointManifest,
} from './checkpoint.js';
import { safetensorsDTypeOf } from './records.js';
import { serializeSafetensors } from './serializeSafetensors.js';
import { encodeInfo } from './infoCodec.js';
import { flattenTree } from './treeStructure.js';

/** Options of {@link saveCheckpoint}. */
export interface SaveOptions {
  /** Whether to replace a checkpoint that the folder already contains. false unless given. */
  readonly overwrite?: boolean;
}

/** The version of this package, recorded in every manifest. */
export const LIBRARY_VERSION: string = (
  JSON.parse(readFileSync(createRequire(import.meta.url).resolve('../package.json'), 'utf8')) as {
    version: string;
  }
).version;

/**
 * Saves a checkpoint to folder `dir` (created if missing) as `model.safetensors` (every tensor of
 * params, state and optState, named by tree path) and `manifest.json`. Each file is written to a
 * temporary file and renamed, tensors first. The manifest stores the tensors' SHA-256, so a save
 * interrupted between the two renames leaves a pair that {@link loadCheckpoint} rejects, never one
 * that loads wrongly. Returns a Left when the folder already contains a checkpoint and `overwrite`
 * is not set, or when a file cannot be written.
 *
 * @throws InvalidArgumentError when `info.epoch` is not a non-negative integer, a tree leaf is not
 * a tensor, two tensors get the same name, or an info value is neither JSON nor a tensor.
 */
export function saveCheckpoint(
  dir: string,
  checkpoint: Checkpoint,
  options: SaveOptions = {},
): E.Either<DataError, CheckpointManifest> {
  const tensorsPath = join(dir, CHECKPOINT_FILES.tensors);
  const manifestPath = join(dir, CHECKPOINT_FILES.manifest);
  if (options.overwrite !== true && (existsSync(tensorsPath) || existsSync(manifestPath))) {
    const problem =
      'folder already contains a checkpoint. Pass overwrite: true to replace it, or choose another folder.';
    return E.left(new DataError({ file: dir }, problem));
  }

  const { bytes, manifest } = encodeCheckpoint(checkpoint);
  const written = writeFiles(dir, bytes, manifest);
  return E.isLeft(written) ? written : E.right(manifest);
}

/** Encodes a checkpoint as the bytes of its tensor file and the manifest that describes them. */
function encodeCheckpoint(checkpoint: Checkpoint): {
  bytes: Uint8Array;
  manifest: CheckpointManifest;
} {
  const { epoch } = checkpoint.info;
  if (!Number.isSafeInteger(epoch) || epoch < 0) {
    throw new InvalidArgumentError(
      `saveCheckpoint: info.epoch must be a non-negative integer (got ${String(epoch)}). Pass the number of epochs completed.`,
    );
  }
  const params = flattenTree('params', checkpoint.params);
  const state = flattenTree('state', checkpoint.state);
  const optState = flattenTree('optState', checkpoint.optState);
  const info = encodeInfo(checkpoint.info);
  // Each group's names start with its own prefix, so names of different groups never collide.
  const groups = [params.tensors, state.tensors, optState.tensors, info.tensors];
  const named = new Map<string, Tensor>(groups.flat());
  const bytes = serializeSafetensors(named, { format: 'puregrad' });

  const tensors = [...named]
    .map(([name, x]) => ({ name, dtype: safetensorsDTypeOf(x.dtype), shape: [...x.shape] }))
    .sort((a, b) => compareNames(a.name, b.name));
  const manifest: CheckpointManifest = {
    format: CHECKPOINT_FORMAT,
    formatVersion: CHECKPOINT_FORMAT_VERSION,
    libraryVersion: LIBRARY_VERSION,
    ...info.json,
    epoch,
    trees: { params: params.structure, state: state.structure, optState: optState.structure },
    tensors,
    tensorsSha256: createHash('sha256').update(bytes).digest('hex'),
  };
  return { bytes, manifest };
}

/** Writes the tensor file and then the manifest, each through a temporary file and a rename. */
function writeFiles(
  dir: string,
  bytes: Uint8Array,
  manifest: CheckpointManifest,
): E.Either<DataError, void> {
  let current = join(dir, CHECKPOINT_FILES.tensors);
  try {
    mkdirSync(dir, { recursive: true });
    writeFileAtomic(current, bytes);
    current = join(dir, CHECKPOINT_FILES.manifest);
    writeFileAtomic(current, `${JSON.stringify(manifest, null, 2)}\n`);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    const problem = `file could not be written (${code}). Check that the folder is writable.`;
    return E.left(new DataError({ file: current }, problem));
  }
  return E.right(undefined);
}

function compareNames(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

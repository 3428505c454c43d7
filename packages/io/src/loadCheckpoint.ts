import { DataError, formatShape, type Tensor, type Tree } from '@puregrad/tensor';
import * as E from 'fp-ts/lib/Either.js';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import {
  CHECKPOINT_FILES,
  CHECKPOINT_FORMAT,
  CHECKPOINT_FORMAT_VERSION,
  type Checkpoint,
  type CheckpointInfo,
  type CheckpointManifest,
} from './checkpoint.js';
import { parseSafetensors } from './parseSafetensors.js';
import { readFileBytes } from './readFileBytes.js';
import { isTensorDType, recordToTensor } from './records.js';
import type { SafetensorsFile } from './safetensorsDType.js';
import { decodeInfo, RESERVED_FIELDS } from './infoCodec.js';
import { rebuildTree } from './treeStructure.js';

/** A loaded checkpoint with the manifest it was read from. */
export interface LoadedCheckpoint extends Checkpoint {
  readonly manifest: CheckpointManifest;
}

/**
 * Loads a checkpoint that {@link saveCheckpoint} wrote to `dir`. Returns a Left naming the file
 * and field when a file is missing, or the manifest is not valid JSON or lacks a field. It also
 * returns a Left when the tensor file is corrupt or truncated, or when its SHA-256 differs from the
 * manifest's because the files come from different saves. The last check is that the tensors
 * match the manifest's list in name, dtype and shape.
 */
export function loadCheckpoint(dir: string): E.Either<DataError, LoadedCheckpoint> {
  const manifestPath = join(dir, CHECKPOINT_FILES.manifest);
  const tensorsPath = join(dir, CHECKPOINT_FILES.tensors);
  const manifest = readManifest(manifestPath);
  if (E.isLeft(manifest)) return manifest;
  const bytes = readFileBytes(tensorsPath);
  if (E.isLeft(bytes)) return bytes;

  const digest = createHash('sha256').update(bytes.right).digest('hex');
  if (digest !== manifest.right.tensorsSha256) {
    const problem = `SHA-256 must match the manifest's tensorsSha256 ${manifest.right.tensorsSha256} (got ${digest}). The two files come from different saves or the tensor file changed; save the checkpoint again`;
    return E.left(new DataError({ file: tensorsPath }, `${problem}.`));
  }
  const file = parseSafetensors(bytes.right, { file: tensorsPath });
  if (E.isLeft(file)) return file;
  const tensors = checkTensors(manifest.right, file.right, tensorsPath);
  if (E.isLeft(tensors)) return tensors;

  const trees = rebuildTrees(manifest.right, tensors.right, manifestPath);
  if (E.isLeft(trees)) return trees;
  const info = decodeFields(manifest.right, tensors.right, manifestPath);
  if (E.isLeft(info)) return info;
  return E.right({ ...trees.right, info: info.right, manifest: manifest.right });
}

function readManifest(path: string): E.Either<DataError, CheckpointManifest> {
  const fail = (problem: string, field?: string) =>
    E.left(new DataError({ file: path, field }, `${problem}.`));
  const bytes = readFileBytes(path);
  if (E.isLeft(bytes)) return bytes;
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder().decode(bytes.right));
  } catch (error) {
    return fail(
      `manifest must be valid JSON (${(error as Error).message}). The file is truncated or corrupt`,
    );
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return fail('manifest must be a JSON object. The file is corrupt');
  }

  const manifest = value as Record<string, unknown>;
  if (manifest['format'] !== CHECKPOINT_FORMAT) {
    return fail(
      `must be "${CHECKPOINT_FORMAT}" (got ${JSON.stringify(manifest['format'])}). This is not a puregrad checkpoint`,
      'format',
    );
  }
  if (manifest['formatVersion'] !== CHECKPOINT_FORMAT_VERSION) {
    return fail(
      `must be ${CHECKPOINT_FORMAT_VERSION} (got ${JSON.stringify(manifest['formatVersion'])}). Load it with the puregrad version that wrote it`,
      'formatVersion',
    );
  }
  const problem = manifestFieldProblem(manifest);
  if (problem !== undefined) return fail(problem.problem, problem.field);
  return E.right(manifest as unknown as CheckpointManifest);
}

function manifestFieldProblem(
  manifest: Record<string, unknown>,
): { field: string; problem: string } | undefined {
  const { epoch, tensors, trees, tensorsSha256, key } = manifest;
  if (!Number.isSafeInteger(epoch) || (epoch as number) < 0) {
    return {
      field: 'epoch',
      problem: `must be a non-negative integer (got ${JSON.stringify(epoch)})`,
    };
  }
  if (typeof tensorsSha256 !== 'string') {
    return { field: 'tensorsSha256', problem: 'must be a hex string. The manifest is corrupt' };
  }
  if (
    typeof trees !== 'object' ||
    trees === null ||
    !['params', 'state', 'optState'].every((t) => t in trees)
  ) {
    return {
      field: 'trees',
      problem: 'must hold the structures of params, state and optState. The manifest is corrupt',
    };
  }
  const isEntry = (entry: unknown) => {
    const { name, dtype, shape } = (entry ?? {}) as Record<string, unknown>;
    return typeof name === 'string' && typeof dtype === 'string' && Array.isArray(shape);
  };
  if (!Array.isArray(tensors) || !tensors.every(isEntry)) {
    return {
      field: 'tensors',
      problem: 'must be a list of { name, dtype, shape }. The manifest is corrupt',
    };
  }
  const words = (key as { words?: unknown } | undefined)?.words;
  const isWord = (w: unknown) =>
    Number.isInteger(w) && (w as number) >= 0 && (w as number) <= 0xffffffff;
  if (key !== undefined && !(Array.isArray(words) && words.length === 2 && words.every(isWord))) {
    return {
      field: 'key',
      problem: `must be a key with two 32-bit words (got ${JSON.stringify(key)})`,
    };
  }
  return undefined;
}

/** Checks the tensor file against the manifest's list and converts each record to a tensor. */
function checkTensors(
  manifest: CheckpointManifest,
  file: SafetensorsFile,
  path: string,
): E.Either<DataError, Map<string, Tensor>> {
  const fail = (field: string, problem: string) =>
    E.left(new DataError({ file: path, field }, `${problem}.`));
  const listed = new Set(manifest.tensors.map((entry) => entry.name));
  for (const name of file.tensors.keys()) {
    if (!listed.has(name))
      return fail(
        name,
        "tensor is missing from the manifest's list. The files do not belong together",
      );
  }

  const out = new Map<string, Tensor>();
  for (const { name, dtype, shape } of manifest.tensors) {
    const record = file.tensors.get(name);
    if (record === undefined)
      return fail(
        name,
        'tensor is listed in the manifest but missing from the file. The files do not belong together',
      );
    if (record.dtype !== dtype || formatShape(record.shape) !== formatShape(shape)) {
      return fail(
        name,
        `tensor must have dtype ${dtype} and shape ${formatShape(shape)} as the manifest lists (got ${record.dtype} ${formatShape(record.shape)})`,
      );
    }
    if (!isTensorDType(record.dtype))
      return fail(
        name,
        'tensor dtype must be F64, F32 or I32 (got U8). A checkpoint stores only tensors',
      );
    out.set(name, recordToTensor(record));
  }
  return E.right(out);
}

function rebuildTrees(
  manifest: CheckpointManifest,
  tensors: ReadonlyMap<string, Tensor>,
  path: string,
): E.Either<DataError, { params: Tree; state: Tree; optState: Tree }> {
  const lookup = (name: string) => tensors.get(name);
  const out: Record<string, Tree> = {};
  for (const name of ['params', 'state', 'optState'] as const) {
    const tree = rebuildTree(manifest.trees[name], lookup);
    if (typeof tree === 'string')
      return E.left(new DataError({ file: path, field: `trees.${name}` }, `${tree}.`));
    out[name] = tree;
  }
  return E.right(out as { params: Tree; state: Tree; optState: Tree });
}

/** Decodes every info field of the manifest, with its tensors taken from the tensor file. */
function decodeFields(
  manifest: CheckpointManifest,
  tensors: ReadonlyMap<string, Tensor>,
  path: string,
): E.Either<DataError, CheckpointInfo> {
  const info: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(manifest)) {
    if ((RESERVED_FIELDS as readonly string[]).includes(field)) continue;
    const decoded = decodeInfo(value, (name) => tensors.get(name));
    if (typeof decoded === 'string')
      return E.left(new DataError({ file: path, field }, `${decoded}.`));
    info[field] = decoded.value;
  }
  return E.right(info as CheckpointInfo);
}

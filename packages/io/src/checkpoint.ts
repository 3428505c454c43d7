import type { Key, Tree } from '@puregrad/tensor';
import type { SafetensorsDType } from './safetensorsDType.js';
import type { TreeStructure } from './treeStructure.js';

/** A value that JSON can store. */
export type JsonValue =
  null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/**
 * The record a checkpoint keeps besides its params, state and optState: enough to rebuild the
 * network, preprocess new inputs the same way, and resume training where it stopped.
 *
 * Every field but `epoch` and `key` takes any value made of JSON values and tensors, so that
 * configs, histories and callback states (early stopping's best params, say) are stored as they
 * are. Tensors go to `model.safetensors` and non-finite numbers are encoded, so both come back
 * exactly (see {@link encodeInfo}). Other values, such as functions, are rejected on save.
 */
export interface CheckpointInfo {
  /** The layer configs, e.g. `[{ kind: 'dense', units: 256, ... }, ...]`. */
  readonly architecture: unknown;
  /** The loss config. */
  readonly loss: unknown;
  /** The optimizer config. */
  readonly optimizer: unknown;
  /** Training settings such as batch size, epochs and seed. */
  readonly hyperparameters?: unknown;
  /** The data set: name, class names, sizes of the splits. */
  readonly dataset?: unknown;
  /** The input preparation: standardization statistics, pixel scaling. */
  readonly preprocessing?: unknown;
  /** The number of epochs completed. */
  readonly epoch: number;
  /** The PRNG key to continue training with. */
  readonly key?: Key;
  /** The metrics of the last epoch, e.g. `{ loss: 0.31, accuracy: 0.91 }`. */
  readonly metrics?: unknown;
  /** One entry per completed epoch. */
  readonly history?: unknown;
  /** The states that callbacks need to resume, such as early stopping's best value and params. */
  readonly callbacks?: unknown;
  /** Any other field is stored the same way. */
  readonly [field: string]: unknown;
}

/** A checkpoint: the network's params and state, the optimizer's state, and its {@link CheckpointInfo}. */
export interface Checkpoint {
  readonly params: Tree;
  readonly state: Tree;
  readonly optState: Tree;
  readonly info: CheckpointInfo;
}

/** One entry of the manifest's tensor list. */
export interface ManifestTensor {
  readonly name: string;
  readonly dtype: SafetensorsDType;
  readonly shape: readonly number[];
}

/**
 * The contents of `manifest.json`: the format, the tree structures, the tensor list, and the
 * fields of {@link CheckpointInfo} encoded as JSON.
 */
export interface CheckpointManifest {
  readonly epoch: number;
  readonly key?: Key;
  /** The encoded info fields, `architecture`, `history` and the others. */
  readonly [field: string]: unknown;
  readonly format: typeof CHECKPOINT_FORMAT;
  readonly formatVersion: typeof CHECKPOINT_FORMAT_VERSION;
  readonly libraryVersion: string;
  /** The structure of params, state and optState, with tensor names at the leaves. */
  readonly trees: {
    readonly params: TreeStructure;
    readonly state: TreeStructure;
    readonly optState: TreeStructure;
  };
  /** Every tensor of `model.safetensors`, sorted by name. */
  readonly tensors: readonly ManifestTensor[];
  /** The SHA-256 of `model.safetensors` in hex, which ties the two files of one save together. */
  readonly tensorsSha256: string;
}

/** The value of the manifest's `format` field. */
export const CHECKPOINT_FORMAT = 'puregrad-checkpoint';
/** The manifest layout version; a reader rejects other versions. */
export const CHECKPOINT_FORMAT_VERSION = 1;
/** The file names inside a checkpoint folder. */
export const CHECKPOINT_FILES = {
  tensors: 'model.safetensors',
  manifest: 'manifest.json',
} as const;

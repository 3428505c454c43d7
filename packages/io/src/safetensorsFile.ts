import type { DataError } from '@puregrad/tensor';
import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import { writeFileAtomic } from './atomicWrite.js';
import { parseSafetensors } from './parseSafetensors.js';
import { readFileBytes } from './readFileBytes.js';
import type { SafetensorsFile } from './safetensorsDType.js';
import { serializeSafetensors, type SafetensorsInput } from './serializeSafetensors.js';

/** Reads and parses a safetensors file; a missing, unreadable or corrupt file gives a Left. */
export function readSafetensorsFile(path: string): E.Either<DataError, SafetensorsFile> {
  return pipe(
    readFileBytes(path),
    E.chain((bytes) => parseSafetensors(bytes, { file: path })),
  );
}

/**
 * Writes named tensors and metadata as a safetensors file, through a temporary file renamed over
 * `path` so that an interrupted write leaves no partial file.
 */
export function writeSafetensorsFile(
  path: string,
  tensors: SafetensorsInput,
  metadata?: Readonly<Record<string, string>>,
): void {
  writeFileAtomic(path, serializeSafetensors(tensors, metadata));
}

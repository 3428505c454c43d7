import { DataError } from '@puregrad/tensor';
import * as E from 'fp-ts/lib/Either.js';
import { readFileSync } from 'node:fs';

/** Reads a whole file, turning a missing or unreadable file into a DataError that names it. */
export function readFileBytes(path: string): E.Either<DataError, Uint8Array> {
  try {
    const buffer = readFileSync(path);
    // A plain Uint8Array view, so that callers never meet Buffer's slice(), which does not copy.
    return E.right(new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const problem =
      code === 'ENOENT'
        ? 'file not found. Check the path'
        : `file could not be read (${code ?? (error as Error).message}). Check that it is a readable file`;
    return E.left(new DataError({ file: path }, `${problem}.`));
  }
}

import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

let counter = 0;

/**
 * Writes `bytes` to `path` through a temporary file in the same folder, flushed to disk and then
 * renamed over `path`. A rename within one file system is atomic on POSIX systems, so a reader sees
 * either the old file or the complete new one, never a partial write. The temporary file is
 * removed when the write fails.
 */
export function writeFileAtomic(path: string, bytes: Uint8Array | string): void {
  counter += 1;
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.${counter}.tmp`);
  try {
    const fd = openSync(temporary, 'wx');
    try {
      writeAll(fd, typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, path);
    syncFolder(dirname(path));
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

/**
 * Flushes a folder's entries, so that the rename survives a power loss. Some platforms (Windows)
 * cannot open a folder for fsync; the rename is atomic there all the same, so that failure is
 * ignored.
 */
function syncFolder(folder: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(folder, 'r');
    fsyncSync(fd);
  } catch {
    // NOTE: without the folder fsync a crash right after the rename may lose the new file's entry.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function writeAll(fd: number, bytes: Uint8Array): void {
  let written = 0;
  while (written < bytes.length) {
    written += writeSync(fd, bytes, written, bytes.length - written);
  }
}

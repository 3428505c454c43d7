import { isAbsolute, relative, resolve } from 'node:path';

/** Resolves a path the user gave against the CLI's working folder. */
export function resolvePath(cwd: string, path: string): string {
  return resolve(cwd, path);
}

/** Shows a path relative to the working folder when it lies inside it, else absolute. */
export function displayPath(cwd: string, path: string): string {
  const inside = relative(cwd, path);
  return inside === '' || inside.startsWith('..') || isAbsolute(inside) ? path : inside;
}

/**
 * Returns the default output folder of a run, `runs/` and the UTC date and time with dashes for
 * colons, e.g. `runs/2026-12-04T15-30-00`, so names sort by time and are valid on every system.
 */
export function defaultRunFolder(now: Date): string {
  return `runs/${now.toISOString().slice(0, 19).replace(/:/g, '-')}`;
}

import { InvalidArgumentError } from '../errors.js';
import type { Kernels } from './types.js';
import { typescriptKernels } from './typescript/index.js';

export type { Kernels } from './types.js';
export { typescriptKernels } from './typescript/index.js';

const available = new Map<Kernels['name'], Kernels>([['typescript', typescriptKernels]]);
let active: Kernels = typescriptKernels;

/** Returns the kernels that ops use now. */
export function getKernels(): Kernels {
  return active;
}

/**
 * Makes `kernels` (or the registered kernels of that name) the ones every op uses from now on,
 * and returns the previous ones so a caller can restore them.
 */
export function setKernels(kernels: Kernels | Kernels['name']): Kernels {
  const next = typeof kernels === 'string' ? available.get(kernels) : kernels;
  if (next === undefined) {
    const names = [...available.keys()].join(', ');
    throw new InvalidArgumentError(
      `setKernels: kernels must be one of ${names} (got "${String(kernels)}").`,
    );
  }
  const previous = active;
  active = next;
  return previous;
}

/** Adds an implementation that `setKernels` can then select by name. */
export function registerKernels(kernels: Kernels): void {
  available.set(kernels.name, kernels);
}

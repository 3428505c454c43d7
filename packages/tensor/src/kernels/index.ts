import { InvalidArgumentError } from '../errors.js';
import type { Kernels } from './types.js';
import { typescriptKernels } from './typescript/index.js';
import { loadWasmKernels } from './wasm/load.js';

export type { ActivationKind, BinaryOp, Kernels, UnaryOp } from './types.js';
export { typescriptKernels } from './typescript/index.js';
export { isWasmSimdSupported } from './wasm/simd.js';

const available = new Map<Kernels['name'], Kernels>([['typescript', typescriptKernels]]);

// Loaded once, synchronously, when the package is imported.
const wasmLoad = loadWasmKernels();
if (wasmLoad.kernels !== undefined) available.set('wasm', wasmLoad.kernels);

let active: Kernels = chooseInitialKernels();

/** The environment's `PUREGRAD_KERNELS`, read without importing anything from Node. */
function kernelsFromEnvironment(): string | undefined {
  const runtime = globalThis as { process?: { env?: Record<string, string | undefined> } };
  const value = runtime.process?.env?.['PUREGRAD_KERNELS'];
  return value === undefined || value === '' ? undefined : value;
}

// PUREGRAD_KERNELS=wasm|typescript forces one implementation; otherwise Wasm wins where it
// loaded, because it is the faster one.
function chooseInitialKernels(): Kernels {
  const requested = kernelsFromEnvironment();
  if (requested === undefined) return available.get('wasm') ?? typescriptKernels;
  return lookup('PUREGRAD_KERNELS', requested);
}

function lookup(source: string, name: string): Kernels {
  if (name !== 'typescript' && name !== 'wasm') {
    throw new InvalidArgumentError(
      `${source}: kernels must be "wasm" or "typescript" (got "${name}"). Use one of those names.`,
    );
  }
  const kernels = available.get(name);
  if (kernels === undefined) {
    throw new InvalidArgumentError(
      `${source}: the "wasm" kernels are unavailable because ${wasmLoad.reason ?? 'they were not registered'}. Use "typescript" or fix that cause.`,
    );
  }
  return kernels;
}

/** Returns the kernels that ops use now. */
export function getKernels(): Kernels {
  return active;
}

/**
 * Makes `kernels` (or the registered kernels of that name, 'wasm' or 'typescript') the ones
 * every op uses from now on, and returns the previous ones so a caller can restore them.
 *
 * @example
 * const previous = setKernels('typescript');
 * try { run(); } finally { setKernels(previous); }
 */
export function setKernels(kernels: Kernels | Kernels['name']): Kernels {
  const next = typeof kernels === 'string' ? lookup('setKernels', kernels) : kernels;
  const previous = active;
  active = next;
  return previous;
}

/**
 * Adds an implementation that `setKernels` can then select by name, replacing any registered
 * under that name. The active kernels do not change.
 */
export function registerKernels(kernels: Kernels): void {
  available.set(kernels.name, kernels);
}

/** Returns the reason the Wasm kernels did not load, or undefined when they did. */
export function wasmUnavailableReason(): string | undefined {
  return wasmLoad.reason;
}

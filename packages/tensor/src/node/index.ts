// @puregrad/tensor/node: the Node-only entry point, which splits float32 matmuls across worker
// threads on a shared WebAssembly memory. The main entry imports nothing from Node, so this
// lives apart.
import { availableParallelism } from 'node:os';
import { InvalidArgumentError } from '../errors.js';
import { getKernels, setKernels, type Kernels } from '../kernels/index.js';
import { WasmArena } from '../kernels/wasm/arena.js';
import { decodeBase64 } from '../kernels/wasm/embedded.js';
import type { WasmExports } from '../kernels/wasm/exports.js';
import {
  sharedRelaxedWasmBinaryBase64,
  sharedWasmBinaryBase64,
} from '../kernels/wasm/sharedBinaryOptional.js';
import { isRelaxedSimdSupported, isWasmSimdSupported } from '../kernels/wasm/simd.js';
import { createWasmKernels } from '../kernels/wasm/wasmKernels.js';
import { webAssemblyApi, type WebAssemblyApi } from '../kernels/wasm/webAssemblyApi.js';
import { threadedMatmul } from './threadedMatmul.js';
import { WorkerPool } from './workerPool.js';

/** Memory limits in 64 KiB pages, as assembly/asconfig.json declares them for the shared build. */
const INITIAL_PAGES = 64;
const MAXIMUM_PAGES = 16384;

/** Options of {@link startThreads}. */
export interface ThreadOptions {
  /**
   * Threads that compute a matmul, the calling one included: a positive integer. Unless given,
   * `PUREGRAD_THREADS`, else `os.availableParallelism()`.
   */
  readonly threads?: number;
  /** Make the threaded kernels the active ones (true unless given). */
  readonly activate?: boolean;
}

/** Running threaded kernels: pass `kernels` to `setKernels`, and `close` when done. */
export interface ThreadedKernels {
  /** Wasm kernels whose float32 matmul is split across `threads` threads. */
  readonly kernels: Kernels;
  readonly threads: number;
  /** Stops the workers and, if these kernels are active, restores the ones active before. */
  close(): Promise<void>;
}

function threadCount(requested: number | undefined): number {
  const fromEnvironment = process.env['PUREGRAD_THREADS'];
  const source = requested !== undefined ? 'threads' : 'PUREGRAD_THREADS';
  const value = requested ?? (fromEnvironment ? Number(fromEnvironment) : availableParallelism());
  if (!Number.isInteger(value) || value < 1) {
    throw new InvalidArgumentError(
      `startThreads: ${source} must be a positive integer (got ${String(requested ?? fromEnvironment)}). Pass 1 for no workers.`,
    );
  }
  return value;
}

function sharedModuleBytes(): Uint8Array {
  if (!isWasmSimdSupported() || webAssemblyApi() === undefined) {
    throw new InvalidArgumentError(
      'startThreads: this JavaScript engine does not support WebAssembly SIMD. Use the TypeScript kernels.',
    );
  }
  const base64 = isRelaxedSimdSupported() ? sharedRelaxedWasmBinaryBase64 : sharedWasmBinaryBase64;
  if (base64 === undefined) {
    throw new InvalidArgumentError(
      'startThreads: the compiled module src/kernels/wasm/sharedBinary.generated.ts is missing. Run `pnpm build` in packages/tensor.',
    );
  }
  return decodeBase64(base64);
}

/**
 * Starts `threads − 1` worker threads and builds Wasm kernels whose float32 matmul splits its
 * output between them and the calling thread. The other kernels run on the calling thread.
 * Every thread instantiates the same module on one shared memory.
 *
 * @example
 * const threaded = await startThreads({ threads: 2 });
 * try { train(); } finally { await threaded.close(); }
 */
export async function startThreads(options: ThreadOptions = {}): Promise<ThreadedKernels> {
  const threads = threadCount(options.threads);
  const bytes = sharedModuleBytes();
  const api = webAssemblyApi() as WebAssemblyApi;
  const module = new api.Module(bytes);
  const memory = new api.Memory({
    initial: INITIAL_PAGES,
    maximum: MAXIMUM_PAGES,
    shared: true,
  });
  const instance = new api.Instance(module, { env: { memory } });
  const wasm = instance.exports as unknown as WasmExports;
  const arena = new WasmArena(memory, wasm.heapBase());
  const pool = await WorkerPool.start(threads, module, memory);

  const kernels = createWasmKernels(wasm, arena, threadedMatmul(wasm, arena, pool));
  const previous = options.activate === false ? undefined : setKernels(kernels);
  return {
    kernels,
    threads,
    async close() {
      if (previous !== undefined && getKernels() === kernels) setKernels(previous);
      await pool.close();
    },
  };
}

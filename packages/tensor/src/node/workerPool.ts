import { Worker } from 'node:worker_threads';
import type { WasmMemory } from '../kernels/wasm/webAssemblyApi.js';
import {
  CHUNK_BITS,
  Control,
  controlInts,
  JobArgument,
  LINE_INTS,
  TAG_LIMIT,
  workerSource,
} from './workerSource.js';

/** How long one Atomics.wait sleeps before the pool checks whether a worker died. */
const WAIT_SLICE_MS = 1000;

/** Claim words with this chunk index have no chunk left, whatever the job's chunk count. */
const CLOSED = 2 ** CHUNK_BITS - 1;

/** The largest chunk count of one job: the claim word's chunk bits, less the closed index. */
export const MAX_CHUNKS = CLOSED;

/**
 * Worker threads that each run the shared-memory module on one memory and share matmul jobs
 * with the calling thread through a control block of Int32 values. A job is cut into chunks
 * that every thread claims one at a time, so a worker that wakes late takes fewer chunks
 * rather than holding up the calling thread.
 */
export class WorkerPool {
  private readonly control: Int32Array;
  private readonly workers: Worker[] = [];
  private tag = 0;
  private failure: Error | undefined;

  /** `threads` counts the calling thread too, so the pool starts `threads − 1` workers. */
  private constructor(
    readonly threads: number,
    module: object,
    memory: WasmMemory,
  ) {
    const workerCount = threads - 1;
    this.control = new Int32Array(new SharedArrayBuffer(controlInts(workerCount) * 4));
    for (let index = 0; index < workerCount; index++) {
      const workerData = { module, memory, control: this.control.buffer, index };
      const worker = new Worker(workerSource, { eval: true, workerData });
      // A failed worker would leave `run` waiting for its chunk, so record why and let it throw.
      worker.on('error', (error) => (this.failure = error));
      worker.unref();
      this.workers.push(worker);
    }
  }

  /** Starts the workers and resolves once each has instantiated the module. */
  static async start(threads: number, module: object, memory: WasmMemory): Promise<WorkerPool> {
    const pool = new WorkerPool(threads, module, memory);
    await Promise.all(pool.workers.map((_, index) => pool.whenReady(index)));
    return pool;
  }

  private async whenReady(index: number): Promise<void> {
    const at = Control.ready + index * LINE_INTS;
    while (Atomics.load(this.control, at) !== 1) {
      this.throwIfFailed();
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
  }

  /**
   * Runs one job of `args` (laid out as {@link JobArgument}) on every thread and returns once
   * all its chunks are computed. The calling thread claims chunks too, running `compute(chunk)`
   * for each, so the job finishes even if no worker wakes in time.
   */
  run(args: readonly number[], compute: (chunk: number) => void): void {
    const chunks = args[JobArgument.chunks] as number;
    this.publish(args);

    let chunk: number | undefined;
    while ((chunk = this.claim(chunks)) !== undefined) {
      compute(chunk);
      Atomics.add(this.control, Control.finished, 1);
    }
    this.waitFinished(chunks);
  }

  // Closing the claim word first means that a worker still reading the previous job's tag
  // finds no chunk while the arguments change under it.
  private publish(args: readonly number[]): void {
    this.tag = (this.tag + 1) % TAG_LIMIT;
    const open = this.tag << CHUNK_BITS;
    Atomics.store(this.control, Control.claim, open | CLOSED);
    this.control.set(args, Control.args);
    Atomics.store(this.control, Control.finished, 0);
    Atomics.store(this.control, Control.tag, this.tag);
    Atomics.store(this.control, Control.claim, open);
    Atomics.add(this.control, Control.generation, 1);
    Atomics.notify(this.control, Control.generation);
  }

  private claim(chunks: number): number | undefined {
    for (;;) {
      const claim = Atomics.load(this.control, Control.claim);
      const chunk = claim & CLOSED;
      if (chunk >= chunks) return undefined;
      if (Atomics.compareExchange(this.control, Control.claim, claim, claim + 1) === claim) {
        return chunk;
      }
    }
  }

  private waitFinished(chunks: number): void {
    for (;;) {
      const finished = Atomics.load(this.control, Control.finished);
      if (finished === chunks) return;
      this.throwIfFailed();
      Atomics.wait(this.control, Control.finished, finished, WAIT_SLICE_MS);
    }
  }

  /** Stops every worker and resolves when all have exited. */
  async close(): Promise<void> {
    Atomics.store(this.control, Control.stop, 1);
    Atomics.add(this.control, Control.generation, 1);
    Atomics.notify(this.control, Control.generation);
    // terminate() also settles for a worker that already exited after an error.
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }

  private throwIfFailed(): void {
    if (this.failure !== undefined) {
      throw new Error(`WorkerPool: a matmul worker failed: ${this.failure.message}`, {
        cause: this.failure,
      });
    }
  }
}

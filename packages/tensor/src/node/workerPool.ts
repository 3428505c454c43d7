import { Worker } from 'node:worker_threads';
import type { WasmMemory } from '../kernels/wasm/webAssemblyApi.js';
import { Slot, SLOT_INTS, workerSource } from './workerSource.js';

/** How long one Atomics.wait sleeps before the pool checks whether a worker died. */
const WAIT_SLICE_MS = 1000;

/**
 * Worker threads that each run the shared-memory module on one memory and take matmul blocks
 * through a control block of Int32 slots. The main thread writes a job's arguments, bumps the
 * slot's generation and notifies. The worker runs the job and stores the generation as done.
 */
export class WorkerPool {
  private readonly slots: Int32Array;
  private readonly workers: Worker[] = [];
  private readonly generations: number[];
  private failure: Error | undefined;

  /** `threads` counts the calling thread too, so the pool starts `threads − 1` workers. */
  private constructor(
    readonly threads: number,
    module: object,
    memory: WasmMemory,
  ) {
    const workerCount = threads - 1;
    this.slots = new Int32Array(new SharedArrayBuffer(Math.max(workerCount, 1) * SLOT_INTS * 4));
    this.generations = new Array<number>(workerCount).fill(0);
    for (let index = 0; index < workerCount; index++) {
      const workerData = { module, memory, control: this.slots.buffer, index };
      const worker = new Worker(workerSource, { eval: true, workerData });
      // A failed worker would leave `wait` sleeping forever, so record why and let it throw.
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
    const at = index * SLOT_INTS + Slot.ready;
    while (Atomics.load(this.slots, at) !== 1) {
      this.throwIfFailed();
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
  }

  /** Hands worker `index` the 13 arguments of one matmulF32 call. */
  post(index: number, args: readonly number[]): void {
    const base = index * SLOT_INTS;
    this.slots.set(args, base + Slot.args);
    const generation = (this.generations[index] as number) + 1;
    this.generations[index] = generation;
    Atomics.store(this.slots, base + Slot.generation, generation);
    Atomics.notify(this.slots, base + Slot.generation);
  }

  /** Blocks until worker `index` finished its last job, and throws if the worker died. */
  wait(index: number): void {
    const at = index * SLOT_INTS + Slot.done;
    const generation = this.generations[index] as number;
    for (;;) {
      const done = Atomics.load(this.slots, at);
      if (done === generation) return;
      this.throwIfFailed();
      Atomics.wait(this.slots, at, done, WAIT_SLICE_MS);
    }
  }

  /** Stops every worker and resolves when all have exited. */
  async close(): Promise<void> {
    for (let index = 0; index < this.workers.length; index++) {
      Atomics.store(this.slots, index * SLOT_INTS + Slot.stop, 1);
      this.post(index, []);
    }
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

/** Int32 values per worker in the control block: the fields below, padded to 128 bytes so that
 * two workers never write to one cache line. */
export const SLOT_INTS = 32;

/** Field offsets inside a worker's slot. */
export const Slot = {
  /** Incremented by the main thread for each job it posts. */
  generation: 0,
  /** Set by the worker to the generation it finished. */
  done: 1,
  /** Set to 1 by the worker once its module instance exists. */
  ready: 2,
  /** Set to 1 by the main thread to end the worker's loop. */
  stop: 3,
  /** The 13 arguments of matmulF32, in order. */
  args: 4,
} as const;

/**
 * The worker's program, run with `eval: true` so that it needs no file of its own next to the
 * bundle. It instantiates the shared-memory module on the memory it receives, then sleeps on
 * its slot's generation with Atomics.wait and runs one matmul block per new generation.
 */
export const workerSource = `
const { workerData } = require('node:worker_threads');
const { module, memory, control, index } = workerData;
const instance = new WebAssembly.Instance(module, { env: { memory } });
const matmul = instance.exports.matmulF32;
const slots = new Int32Array(control);
const base = index * ${SLOT_INTS};
Atomics.store(slots, base + ${Slot.ready}, 1);
Atomics.notify(slots, base + ${Slot.ready});
let seen = 0;
for (;;) {
  Atomics.wait(slots, base + ${Slot.generation}, seen);
  seen = Atomics.load(slots, base + ${Slot.generation});
  if (Atomics.load(slots, base + ${Slot.stop}) === 1) break;
  const a = base + ${Slot.args};
  matmul(slots[a], slots[a + 1], slots[a + 2], slots[a + 3], slots[a + 4], slots[a + 5],
    slots[a + 6], slots[a + 7], slots[a + 8], slots[a + 9], slots[a + 10], slots[a + 11], slots[a + 12]);
  Atomics.store(slots, base + ${Slot.done}, seen);
  Atomics.notify(slots, base + ${Slot.done});
}
`;

/**
 * The entry point of one system's child process: reads the workload, trains and measures with
 * that system's harness, and writes the result as JSON. Each system's modules are imported
 * only here, so one child's peak RSS includes no other system's code.
 */
import { parseArgs } from 'node:util';

import type { Harness } from './harness.js';
import { runHarness, writeResult } from './harness.js';
import type { SystemName } from './results.js';
import { SYSTEM_NAMES } from './results.js';
import type { Workload } from './workload.js';
import { readWorkload } from './workload.js';

async function createHarness(system: SystemName, workload: Workload): Promise<Harness> {
  switch (system) {
    case 'tfjs-cpu':
    case 'tfjs-wasm': {
      const { createTfjsHarness } = await import('./systems/tfjs.js');
      return createTfjsHarness(workload, system === 'tfjs-cpu' ? 'cpu' : 'wasm');
    }
    case 'jax-js': {
      const { createJaxHarness } = await import('./systems/jaxjs.js');
      return createJaxHarness(workload);
    }
    case 'puregrad-wasm':
    case 'puregrad-wasm-1t':
    case 'puregrad-ts':
    case 'puregrad-ts-1t': {
      const { createPuregradHarness } = await import('./systems/puregrad.js');
      return createPuregradHarness(workload, system);
    }
    case 'pytorch':
      throw new Error('child: pytorch runs in Python (bench/src/systems/pytorch.py), not in Node.');
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { system: { type: 'string' }, workload: { type: 'string' }, out: { type: 'string' } },
  });
  const system = values.system as SystemName | undefined;
  if (system === undefined || !SYSTEM_NAMES.includes(system)) {
    throw new Error(
      `child: --system must be one of ${SYSTEM_NAMES.join(', ')} (got ${String(system)}).`,
    );
  }
  if (values.workload === undefined || values.out === undefined) {
    throw new Error('child: --workload DIR and --out FILE are required. The driver passes both.');
  }

  const workload = readWorkload(values.workload);
  const harness = await createHarness(system, workload);
  try {
    const result = await runHarness(system, harness, workload, (message) => console.log(message));
    writeResult(values.out, result);
  } finally {
    await harness.close?.();
  }
}

await main();

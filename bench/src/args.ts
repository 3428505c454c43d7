import { parseArgs } from 'node:util';

import type { SystemName } from './results.js';
import { SYSTEM_NAMES } from './results.js';

/** The options of `pnpm bench`. */
export interface BenchOptions {
  readonly epochs: number;
  readonly systems: readonly SystemName[];
  /** Write a V8 CPU profile of every Node child into bench/results/profiles. */
  readonly profile: boolean;
  readonly out: string;
}

export const USAGE = `Usage: pnpm bench [--epochs N] [--systems a,b] [--profile] [--out FILE]
  --epochs N     epochs per system, at least 2 because the first one is reported apart (default 3)
  --systems a,b  the systems to run, from ${SYSTEM_NAMES.join(', ')} (default all)
  --profile      write a CPU profile of each Node child (node --cpu-prof) to bench/results/profiles
  --out FILE     where to write the JSON report (default bench/results/latest.json)`;

/** Parses the command line of `pnpm bench`; throws with the usage on an invalid option. */
export function parseBenchArgs(argv: readonly string[], defaultOut: string): BenchOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      epochs: { type: 'string', default: '3' },
      systems: { type: 'string' },
      profile: { type: 'boolean', default: false },
      out: { type: 'string', default: defaultOut },
    },
  });

  const epochs = Number(values.epochs);
  if (!Number.isInteger(epochs) || epochs < 2) {
    throw new Error(
      `bench: --epochs must be an integer of at least 2 (got ${values.epochs}).\n${USAGE}`,
    );
  }

  const requested = values.systems === undefined ? [...SYSTEM_NAMES] : values.systems.split(',');
  const unknown = requested.filter((name) => !(SYSTEM_NAMES as readonly string[]).includes(name));
  if (unknown.length > 0 || requested.length === 0) {
    throw new Error(
      `bench: --systems must list names from ${SYSTEM_NAMES.join(', ')} (got ${unknown.join(', ') || 'none'}).\n${USAGE}`,
    );
  }
  // Run in the canonical order whatever order the names came in.
  const systems = SYSTEM_NAMES.filter((name) => requested.includes(name));
  return { epochs, systems, profile: values.profile, out: values.out };
}

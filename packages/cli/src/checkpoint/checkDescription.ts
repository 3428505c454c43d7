import type { CheckpointInfo } from '@puregrad/io';

/** The parts of a rebuilt network that the manifest also describes in its own fields. */
export interface NetworkDescription {
  readonly layers: unknown;
  readonly loss: unknown;
  readonly optimizer: unknown;
}

/**
 * Checks the manifest's descriptive fields against what loading rebuilds: `architecture`, `loss`
 * and `optimizer` against the network built from `hyperparameters`, and `epoch` against the
 * number of `history` records. The rebuilt configs go through JSON first, as they did when saved,
 * so only a real edit differs. Returns the first mismatched field, or undefined when all agree.
 */
export function mismatchedField(
  info: CheckpointInfo,
  rebuilt: NetworkDescription,
): string | undefined {
  const described: readonly (readonly [string, unknown, unknown])[] = [
    ['architecture', info.architecture, rebuilt.layers],
    ['loss', info.loss, rebuilt.loss],
    ['optimizer', info.optimizer, rebuilt.optimizer],
  ];
  for (const [field, stored, expected] of described) {
    if (canonicalJson(stored) !== canonicalJson(expected)) return field;
  }

  const history = info.history;
  if (Array.isArray(history) && info.epoch !== history.length) return 'epoch';
  return undefined;
}

/** JSON text with object keys sorted, so that key order alone never counts as a difference. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(JSON.parse(JSON.stringify(value ?? null))));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries.map(([key, item]) => [key, sortKeys(item)]));
}

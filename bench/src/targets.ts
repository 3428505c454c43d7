import type { MatmulShape, SystemName, SystemResult } from './results.js';
import { median } from './results.js';

/** One target of the benchmark, checked against a run. */
export interface TargetCheck {
  readonly description: string;
  /** The measured ratio or difference, or null when a system it needs did not run. */
  readonly measured: number | null;
  /**
   * The same ratio from CPU seconds per epoch, for the speed targets only (null elsewhere). Other
   * processes on the machine inflate CPU time far less than wall time.
   */
  readonly measuredFromCpu: number | null;
  /** The bound on `measured`: a lower bound for ratios, an upper one for the accuracy difference. */
  readonly bound: number;
  readonly met: boolean | null;
}

type Lookup = (system: SystemName) => SystemResult | undefined;

/** Returns `numerator / denominator`, or null when a row is missing. */
function ratio(
  numerator: SystemResult | undefined,
  denominator: SystemResult | undefined,
  pick: (row: SystemResult) => number,
): number | null {
  if (numerator === undefined || denominator === undefined) return null;
  return pick(numerator) / pick(denominator);
}

function atLeast(
  description: string,
  measured: number | null,
  bound: number,
  measuredFromCpu: number | null = null,
): TargetCheck {
  const met = measured === null ? null : measured >= bound;
  return { description, measured, measuredFromCpu, bound, met };
}

function speedup(find: Lookup, ours: SystemName, peer: SystemName, bound: number): TargetCheck {
  const measured = ratio(find(peer), find(ours), (row) => row.secondsPerEpoch);
  const fromCpu = ratio(find(peer), find(ours), (row) => row.cpuSecondsPerEpoch);
  return atLeast(`${ours} faster per epoch than ${peer} (×)`, measured, bound, fromCpu);
}

function matmulRatio(
  find: Lookup,
  ours: SystemName,
  peer: SystemName,
  shape: MatmulShape,
): TargetCheck {
  const measured = ratio(find(ours), find(peer), (row) => row.matmulGflops[shape]);
  return atLeast(`${ours} matmul ${shape} GFLOP/s over ${peer}'s (×)`, measured, 1);
}

const PEERS: readonly SystemName[] = ['tfjs-cpu', 'tfjs-wasm', 'jax-js', 'pytorch'];

/** Checks the accuracy target: puregrad-wasm within one point (0.01) of the median of the peers that ran. */
function accuracyCheck(find: Lookup): TargetCheck {
  const ours = find('puregrad-wasm');
  const peers = PEERS.flatMap((system) => find(system) ?? []);
  const measured =
    ours === undefined || peers.length === 0
      ? null
      : Math.abs(ours.testAccuracy - median(peers.map((row) => row.testAccuracy)));
  const description = "puregrad-wasm test accuracy off the peers' median by at most";
  const met = measured === null ? null : measured <= 0.01;
  return { description, measured, measuredFromCpu: null, bound: 0.01, met };
}

/**
 * Checks the benchmark's targets. puregrad-wasm must be at least 5× faster per epoch than
 * tfjs-wasm, 25× faster than tfjs-cpu and 1.5× faster than jax-js. puregrad-wasm-1t must be at
 * least as fast as jax-js and reach at least jax-js's matmul GFLOP/s on the two training shapes.
 * puregrad-wasm's peak RSS must be at most tfjs-wasm's, and its accuracy within a point of the
 * peers' median.
 */
export function checkTargets(results: readonly SystemResult[]): TargetCheck[] {
  const find: Lookup = (system) => results.find((row) => row.system === system);
  const memory = ratio(find('tfjs-wasm'), find('puregrad-wasm'), (row) => row.peakRssMiB);
  return [
    speedup(find, 'puregrad-wasm', 'tfjs-wasm', 5),
    speedup(find, 'puregrad-wasm', 'tfjs-cpu', 25),
    speedup(find, 'puregrad-wasm', 'jax-js', 1.5),
    speedup(find, 'puregrad-wasm-1t', 'jax-js', 1),
    matmulRatio(find, 'puregrad-wasm-1t', 'jax-js', '128x784x256'),
    matmulRatio(find, 'puregrad-wasm-1t', 'jax-js', '128x256x128'),
    atLeast("tfjs-wasm peak RSS over puregrad-wasm's (×)", memory, 1),
    accuracyCheck(find),
  ];
}

/** Formats the checks one per line: the measured value, the bound and whether it is met. */
export function formatTargets(checks: readonly TargetCheck[]): string {
  return checks
    .map((check) => {
      let verdict = 'not run';
      if (check.met !== null) verdict = check.met ? 'met' : 'NOT met';
      const measured = check.measured === null ? '—' : check.measured.toFixed(3);
      const fromCpu =
        check.measuredFromCpu === null
          ? ''
          : ` (${check.measuredFromCpu.toFixed(3)} from CPU time)`;
      return `${verdict.padEnd(7)}  ${check.description} ${check.bound}: measured ${measured}${fromCpu}`;
    })
    .join('\n');
}

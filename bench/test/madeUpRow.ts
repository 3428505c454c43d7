import type { SystemName, SystemResult } from '../src/results.js';

/** A made-up row: every number derives from `secondsPerEpoch`, so rows differ visibly. */
export function madeUpRow(
  system: SystemName,
  secondsPerEpoch: number,
  extra: Partial<SystemResult> = {},
): SystemResult {
  return {
    system,
    threads: 1,
    secondsPerEpoch,
    firstEpochSeconds: secondsPerEpoch * 2,
    peakRssMiB: 200,
    testAccuracy: 0.94,
    matmulGflops: { '128x784x256': 10, '128x256x128': 8, '512x512x512': 12 },
    epochSeconds: [secondsPerEpoch * 2, secondsPerEpoch, secondsPerEpoch],
    cpuSecondsPerEpoch: secondsPerEpoch,
    loadAverage: 0.5,
    lastEpochLoss: 0.1,
    rssSource: 'made up',
    ...extra,
  };
}

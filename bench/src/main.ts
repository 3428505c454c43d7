/**
 * `pnpm bench`: trains the same network on the same digits, initial params and batch order with
 * puregrad and its peers, each system in its own child process in turn, then prints a table and
 * the targets and writes bench/results/latest.json.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, release, tmpdir, totalmem, type } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { parseBenchArgs } from './args.js';
import { runSystem } from './driver.js';
import type { MachineInfo, SkippedSystem, SystemResult } from './results.js';
import { formatTable, sortResults, writeReport } from './results.js';
import { checkTargets, formatTargets } from './targets.js';
import { createWorkload } from './workload.js';

const RESULTS_DIR = fileURLToPath(new URL('../results', import.meta.url));

function describeMachine(): MachineInfo {
  return {
    cpuModel: cpus()[0]?.model ?? 'unknown',
    cores: availableParallelism(),
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os: `${type()} ${release()}`,
    node: process.version,
  };
}

async function main(): Promise<void> {
  const options = parseBenchArgs(process.argv.slice(2), join(RESULTS_DIR, 'latest.json'));
  const workloadDir = mkdtempSync(join(tmpdir(), 'puregrad-bench-'));
  const profileDir = options.profile ? join(RESULTS_DIR, 'profiles') : undefined;
  if (profileDir !== undefined) mkdirSync(profileDir, { recursive: true });

  try {
    const manifest = createWorkload(workloadDir, { epochs: options.epochs });
    console.log(
      `bench: workload in ${workloadDir}: ${manifest.trainCount} training and ${manifest.testCount} test digits, ` +
        `${options.epochs} epochs of batch ${manifest.batchSize}`,
    );

    const results: SystemResult[] = [];
    const skipped: SkippedSystem[] = [];
    for (const system of options.systems) {
      console.log(`bench: running ${system}`);
      const outcome = await runSystem(system, { workloadDir, scratchDir: workloadDir, profileDir });
      if ('reason' in outcome) {
        console.log(`bench: skipped ${system}: ${outcome.reason}`);
        skipped.push(outcome);
      } else {
        results.push(outcome);
      }
    }

    console.log(`\n${formatTable(results)}\n`);
    for (const entry of skipped) console.log(`skipped ${entry.system}: ${entry.reason}`);
    const targets = checkTargets(results);
    console.log(`\nTargets (the verdict uses wall time)\n${formatTargets(targets)}`);

    writeReport(options.out, {
      date: new Date().toISOString(),
      machine: describeMachine(),
      command: `pnpm bench ${process.argv.slice(2).join(' ')}`.trim(),
      epochs: options.epochs,
      results: sortResults(results),
      skipped,
      targets,
    });
    console.log(`\nbench: wrote ${options.out}`);
  } finally {
    rmSync(workloadDir, { recursive: true, force: true });
  }
}

await main();

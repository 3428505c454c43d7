import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

import type { SkippedSystem, SystemName, SystemResult } from './results.js';

const BENCH_DIR = fileURLToPath(new URL('..', import.meta.url));
const CHILD = fileURLToPath(new URL('./child.ts', import.meta.url));
const PYTORCH_SCRIPT = fileURLToPath(new URL('./systems/pytorch.py', import.meta.url));

/**
 * A child that runs longer than this is stopped and its system reported as skipped. tfjs-cpu, the
 * slowest system, needs about 10 minutes for 3 epochs when other processes share the two cores,
 * so the limit leaves room for that and only catches a child that hangs.
 */
const CHILD_TIMEOUT_MS = 30 * 60 * 1000;

/** Options of {@link runSystem}. */
export interface RunOptions {
  readonly workloadDir: string;
  /** The folder the child writes its result file into. */
  readonly scratchDir: string;
  /** When set, Node children write a V8 CPU profile (`node --cpu-prof`) into this folder. */
  readonly profileDir?: string;
}

/** Kernels and threads of the four puregrad systems, passed to the child as environment variables. */
const PUREGRAD_SETTINGS: Partial<Record<SystemName, { kernels: string; threads: number }>> = {
  'puregrad-wasm': { kernels: 'wasm', threads: 2 },
  'puregrad-wasm-1t': { kernels: 'wasm', threads: 1 },
  'puregrad-ts': { kernels: 'typescript', threads: 2 },
  'puregrad-ts-1t': { kernels: 'typescript', threads: 1 },
};

/**
 * Returns the first of `$PUREGRAD_PYTHON`, /usr/bin/python3 and python3 that imports torch, or
 * undefined when none does.
 */
export function findPython(): string | undefined {
  const candidates = [process.env['PUREGRAD_PYTHON'], '/usr/bin/python3', 'python3'];
  return candidates.find(
    (command) =>
      command !== undefined &&
      command !== '' &&
      spawnSync(command, ['-c', 'import torch, numpy'], { stdio: 'ignore' }).status === 0,
  );
}

interface Command {
  readonly file: string;
  readonly args: readonly string[];
  readonly env: NodeJS.ProcessEnv;
}

function commandFor(system: SystemName, options: RunOptions, out: string): Command | string {
  if (system === 'pytorch') {
    const python = findPython();
    if (python === undefined) {
      return 'no Python found that imports torch and numpy ($PUREGRAD_PYTHON, /usr/bin/python3, python3)';
    }
    // One thread everywhere torch might take them from, besides torch.set_num_threads(1).
    const env = {
      ...process.env,
      OMP_NUM_THREADS: '1',
      OPENBLAS_NUM_THREADS: '1',
      MKL_NUM_THREADS: '1',
    };
    return {
      file: python,
      args: [PYTORCH_SCRIPT, '--workload', options.workloadDir, '--out', out],
      env,
    };
  }

  const profile =
    options.profileDir === undefined ? [] : ['--cpu-prof', '--cpu-prof-dir', options.profileDir];
  const settings = PUREGRAD_SETTINGS[system];
  const env = {
    ...process.env,
    ...(settings === undefined
      ? {}
      : { PUREGRAD_KERNELS: settings.kernels, PUREGRAD_THREADS: String(settings.threads) }),
  };
  const args = [
    '--import',
    'tsx',
    ...profile,
    CHILD,
    '--system',
    system,
    '--workload',
    options.workloadDir,
  ];
  return { file: process.execPath, args: [...args, '--out', out], env };
}

/** Runs a command with inherited output; resolves with its exit description. */
function runChild(command: Command): Promise<string> {
  return new Promise((resolve) => {
    const child = spawn(command.file, command.args, {
      cwd: BENCH_DIR,
      env: command.env,
      stdio: 'inherit',
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), CHILD_TIMEOUT_MS);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve(`failed to start: ${error.message}`);
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve(signal === null ? `exit code ${String(code)}` : `stopped by ${signal}`);
    });
  });
}

/**
 * Runs one system in its own child process and returns its result row, or the reason it was
 * skipped: no Python with torch, a failed child, or one that ran past {@link CHILD_TIMEOUT_MS}.
 */
export async function runSystem(
  system: SystemName,
  options: RunOptions,
): Promise<SystemResult | SkippedSystem> {
  const out = join(options.scratchDir, `${system}.json`);
  const command = commandFor(system, options, out);
  if (typeof command === 'string') return { system, reason: command };

  const exit = await runChild(command);
  if (!existsSync(out)) return { system, reason: `the child wrote no result (${exit})` };
  return JSON.parse(readFileSync(out, 'utf8')) as SystemResult;
}

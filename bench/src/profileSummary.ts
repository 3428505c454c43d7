/**
 * Prints the functions with the most self time in a V8 CPU profile, as `node --cpu-prof` writes
 * it (`pnpm bench --profile` puts one per Node child into bench/results/profiles).
 *
 * Usage: tsx src/profileSummary.ts FILE.cpuprofile [COUNT]
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: {
    readonly functionName: string;
    readonly url: string;
    readonly lineNumber: number;
  };
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  /** Microseconds since the previous sample, one per sample. */
  readonly timeDeltas: readonly number[];
}

/** One function's share of a profile. */
interface SelfTime {
  readonly location: string;
  readonly milliseconds: number;
  readonly fraction: number;
}

function describeFrame(node: ProfileNode, root: string): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const file = url.startsWith('file://') ? relative(root, new URL(url).pathname) : url;
  // lineNumber is zero-based in the profile format.
  return `${functionName || '(anonymous)'} ${file}:${lineNumber + 1}`;
}

/** Sums the self time of every function (by name and location) and sorts the largest first. */
function summarizeProfile(profile: CpuProfile, root: string): SelfTime[] {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const totals = new Map<string, number>();
  let all = 0;
  profile.samples.forEach((id, index) => {
    const node = nodes.get(id);
    const micros = profile.timeDeltas[index] ?? 0;
    if (node === undefined) return;
    const location = describeFrame(node, root);
    totals.set(location, (totals.get(location) ?? 0) + micros);
    all += micros;
  });
  return [...totals]
    .map(([location, micros]) => ({
      location,
      milliseconds: micros / 1000,
      fraction: micros / all,
    }))
    .sort((a, b) => b.milliseconds - a.milliseconds);
}

function main(): void {
  const [file, count = '25'] = process.argv.slice(2);
  if (file === undefined) {
    throw new Error(
      'profileSummary: a .cpuprofile file is required. Usage: tsx src/profileSummary.ts FILE [COUNT]',
    );
  }
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const root = new URL('../..', import.meta.url).pathname;
  for (const entry of summarizeProfile(profile, root).slice(0, Number(count))) {
    const share = `${(entry.fraction * 100).toFixed(1)}%`.padStart(6);
    console.log(`${share} ${entry.milliseconds.toFixed(0).padStart(8)} ms  ${entry.location}`);
  }
}

main();

import { describe, expect, it } from 'vitest';
import { commands } from '@puregrad/cli';
import { runPuregrad } from './cliHarness.js';

describe('--help', () => {
  it.each(commands.map((command) => [command.spec.name, command] as const))(
    'lists every option of %s',
    async (name, command) => {
      const run = await runPuregrad([name, '--help'], process.cwd());
      expect(run.code).toBe(0);
      expect(run.stdout.startsWith(`Usage: puregrad ${name}`)).toBe(true);
      for (const option of command.spec.options) {
        expect(run.stdout, option.name).toContain(`--${option.name}`);
        if (option.defaultText !== undefined) {
          // Wrapping may break the default across lines, so compare without line breaks.
          const flat = run.stdout.replace(/\n\s+/g, ' ');
          expect(flat, option.name).toContain(`Default: ${option.defaultText}.`);
        }
      }
    },
  );

  it('keeps lines within 100 columns', async () => {
    for (const command of commands) {
      const run = await runPuregrad([command.spec.name, '--help'], process.cwd());
      for (const line of run.stdout.split('\n')) expect(line.length, line).toBeLessThanOrEqual(100);
    }
  });

  it('lists the commands in the overview', async () => {
    const run = await runPuregrad(['--help'], process.cwd());
    expect(run.code).toBe(0);
    for (const command of commands) expect(run.stdout).toContain(`  ${command.spec.name}`);
  });
});

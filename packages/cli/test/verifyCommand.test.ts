import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { left, right } from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { DataError } from '@puregrad/tensor';
import { ExitCode } from '../src/cliError.js';
import { bufferStream, type CliIo } from '../src/cliIo.js';
import type { FixtureVerifier } from '../src/commands/verify/fixtureVerifier.js';
import { verifyCommand } from '../src/commands/verify/verifyCommand.js';
import { runCli } from '../src/runCli.js';

// A stand-in verifier over `{ name, tolerance, expected, actual }`, so the command's output and
// exit codes are tested apart from the library's replay.
const verifier: FixtureVerifier = (fixture, file) => {
  const record = fixture as {
    name?: unknown;
    tolerance: number;
    expected: number[];
    actual: number[];
  };
  if (typeof record.name !== 'string') {
    return left(new DataError({ file, field: 'name' }, 'must be a string'));
  }
  const ratios = record.expected.map(
    (value, i) =>
      Math.abs((record.actual[i] ?? 0) - value) / (record.tolerance * Math.max(1, Math.abs(value))),
  );
  const worst = ratios.indexOf(Math.max(...ratios));
  const mismatch =
    (ratios[worst] ?? 0) > 1
      ? {
          location: `step 1, layer 1, weight[${worst}]`,
          expected: record.expected[worst] ?? 0,
          actual: record.actual[worst] ?? 0,
          ratio: ratios[worst] ?? 0,
        }
      : undefined;
  return right({
    name: record.name,
    tolerance: record.tolerance,
    compared: ratios.length,
    mismatch,
  });
};

function setup(files: Record<string, string>): { io: CliIo; out: () => string; err: () => string } {
  const dir = mkdtempSync(join(tmpdir(), 'puregrad-verify-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const stdout = bufferStream();
  const stderr = bufferStream();
  return {
    io: { stdout, stderr, cwd: dir, now: () => new Date(0) },
    out: stdout.text,
    err: stderr.text,
  };
}

const good = JSON.stringify({ name: 'a', tolerance: 1e-6, expected: [1, 2], actual: [1, 2] });
const bad = JSON.stringify({ name: 'b', tolerance: 1e-6, expected: [1, 2], actual: [1, 2.5] });

describe('verify command', () => {
  const commands = [verifyCommand(verifier)];

  it('reports ok for matching fixtures', async () => {
    const { io, out } = setup({ 'a.json': good, 'README.md': 'not a fixture' });
    expect(await runCli(commands, ['verify', '.'], io)).toBe(ExitCode.ok);
    expect(out()).toBe(
      'ok    a.json: 2 values within relative tolerance 0.000001\nverified 1 of 1 fixtures\n',
    );
  });

  it('prints the worst mismatch and its location', async () => {
    const { io, out } = setup({ 'a.json': good, 'b.json': bad });
    expect(await runCli(commands, ['verify', '.'], io)).toBe(ExitCode.mismatch);
    const lines = out().trimEnd().split('\n');
    expect(lines[1]).toContain('FAIL  b.json: step 1, layer 1, weight[1]: expected 2, got 2.5');
    expect(lines[2]).toBe('verified 1 of 2 fixtures');
  });

  it('names the file and field of a malformed fixture', async () => {
    const { io, out } = setup({ 'c.json': JSON.stringify({ tolerance: 1 }), 'd.json': '{ nope' });
    expect(await runCli(commands, ['verify', '.'], io)).toBe(ExitCode.input);
    expect(out()).toContain('error c.json, field "name": must be a string');
    expect(out()).toMatch(/error d\.json: invalid JSON \(/);
  });

  it('accepts a single fixture file', async () => {
    const { io, out } = setup({ 'a.json': good });
    expect(await runCli(commands, ['verify', 'a.json'], io)).toBe(ExitCode.ok);
    expect(out()).toContain('verified 1 of 1 fixtures');
  });

  it('rejects a missing folder', async () => {
    const { io, err } = setup({});
    expect(await runCli(commands, ['verify', 'absent'], io)).toBe(ExitCode.input);
    expect(err()).toBe(
      'puregrad verify: absent was not found. Give a folder of fixture files or one fixture file.\n',
    );
  });

  it('rejects a folder without fixtures', async () => {
    const { io, err } = setup({ 'notes.txt': '' });
    expect(await runCli(commands, ['verify', '.'], io)).toBe(ExitCode.input);
    expect(err()).toContain('contains no .json fixture files');
  });

  it('requires the DIR argument', async () => {
    const { io, err } = setup({});
    expect(await runCli(commands, ['verify'], io)).toBe(ExitCode.usage);
    expect(err()).toContain('the DIR argument is missing');
  });
});

import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runPuregrad, scratchFolder } from './cliHarness.js';

const fixtures = fileURLToPath(new URL('../fixtures', import.meta.url));
const fixtureNames = readdirSync(fixtures)
  .filter((name) => name.endsWith('.json'))
  .sort();

describe('verify', () => {
  it('matches every reference fixture', async () => {
    const run = await runPuregrad(['verify', fixtures], process.cwd());
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(fixtureNames.length + 1);
    fixtureNames.forEach((name, i) =>
      expect(lines[i]).toMatch(new RegExp(`^ok +${name}: \\d+ values`)),
    );
    expect(lines.at(-1)).toBe(`verified ${fixtureNames.length} of ${fixtureNames.length} fixtures`);
  });

  it('locates one changed number', async () => {
    const dir = scratchFolder();
    const name = 'dense-bn-relu-cross-entropy-adam.json';
    const fixture = JSON.parse(readFileSync(join(fixtures, name), 'utf8'));
    const gamma = fixture.expected.steps[1].after.layers[0].gamma as number[];
    const original = gamma[3] as number;
    gamma[3] = original + 0.5;
    writeFileSync(join(dir, name), JSON.stringify(fixture));

    const run = await runPuregrad(['verify', dir], dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      `FAIL  ${name}: step 2, layer 1, gamma[3]: expected ${original + 0.5}, got `,
    );
    expect(run.stdout).toContain('verified 0 of 1 fixtures');
  });

  it('names the file and field of a malformed fixture', async () => {
    const dir = scratchFolder();
    const name = 'dense-sigmoid-mse-sgd.json';
    copyFileSync(join(fixtures, name), join(dir, name));
    const fixture = JSON.parse(readFileSync(join(fixtures, name), 'utf8'));
    delete fixture.tolerance;
    writeFileSync(join(dir, 'broken.json'), JSON.stringify(fixture));

    const run = await runPuregrad(['verify', dir], dir);
    expect(run.code).toBe(3);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^error broken\.json.*tolerance/);
    expect(lines[1]).toMatch(new RegExp(`^ok +${name}`));
    expect(lines[2]).toBe('verified 1 of 2 fixtures');
  });

  it('rejects a folder without fixtures', async () => {
    const dir = scratchFolder();
    mkdirSync(join(dir, 'empty'));
    const run = await runPuregrad(['verify', 'empty'], dir);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('empty contains no .json fixture files');
  });
});

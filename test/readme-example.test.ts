import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const readmePath = fileURLToPath(new URL('../README.md', import.meta.url));
const scratch = fileURLToPath(new URL('./.readme-example/', import.meta.url));

/** Returns the TypeScript block between the README's example markers. */
function readmeExample(): string {
  const readme = readFileSync(readmePath, 'utf8');
  const match = /<!-- example:start -->\s*```ts\n([\s\S]*?)```\s*<!-- example:end -->/.exec(readme);
  if (!match?.[1]) throw new Error('README.md has no ```ts block between the example markers.');
  return match[1];
}

describe('README example', () => {
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('runs and learns XOR', async () => {
    mkdirSync(scratch, { recursive: true });
    const file = `${scratch}example.ts`;
    writeFileSync(file, `${readmeExample()}\nexport { predictions };\n`);
    const module = (await import(/* @vite-ignore */ file)) as { predictions: number[] };
    expect(module.predictions).toEqual([0, 1, 1, 0]);
  });
});

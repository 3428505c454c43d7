import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const scratch = fileURLToPath(new URL('./.readme-example/', import.meta.url));

/** Returns the TypeScript block between the package README's example markers. */
function readmeExample(): string {
  const readme = readFileSync(fileURLToPath(new URL('../README.md', import.meta.url)), 'utf8');
  const match = /<!-- example:start -->\s*```ts\n([\s\S]*?)```\s*<!-- example:end -->/.exec(readme);
  if (!match?.[1]) throw new Error('README.md has no ```ts block between the example markers.');
  return match[1];
}

describe('data README example', () => {
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('runs with the stated results', async () => {
    mkdirSync(scratch, { recursive: true });
    const file = `${scratch}example.ts`;
    writeFileSync(file, `${readmeExample()}\nexport { sizes, message, testValue };\n`);
    const module = (await import(/* @vite-ignore */ file)) as {
      sizes: number[];
      message: string;
      testValue: number;
    };
    expect(module.sizes).toEqual([7200, 800, 2000]);
    expect(module.message).toMatch(/^toy\.csv, line 3: row must have 3 fields/);
    expect(module.testValue).toBe(3);
  });
});

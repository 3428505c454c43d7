import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const packages = ['tensor', 'nn', 'optim', 'train', 'check', 'data', 'io', 'cli'];

// Tests import the packages from source, so they run without a build.
// The Node-only entry comes first, because an alias also matches the paths below its name.
const alias = [
  {
    find: '@puregrad/tensor/node',
    replacement: fileURLToPath(new URL('./packages/tensor/src/node/index.ts', import.meta.url)),
  },
  ...packages.map((name) => ({
    find: `@puregrad/${name}`,
    replacement: fileURLToPath(new URL(`./packages/${name}/src/index.ts`, import.meta.url)),
  })),
];

export default defineConfig({
  resolve: { alias },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'test/**/*.test.ts', 'bench/test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});

import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const libraryPackages = ['tensor', 'nn', 'optim', 'train', 'check', 'data', 'io'];

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'docs/api/**',
      'runs/**',
      'packages/tensor/assembly/**',
      '**/*.generated.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // Library packages never write to the terminal: only the CLI owns it.
    files: libraryPackages.map((name) => `packages/${name}/src/**/*.ts`),
    rules: { 'no-console': 'error' },
  },
);

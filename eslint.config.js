// One lint configuration for the whole repository.
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import tseslint from 'typescript-eslint';
import svelteConfig from './apps/dashboard/svelte.config.js';

export default tseslint.config(
  { ignores: ['**/node_modules', '**/build', '**/.svelte-kit', '**/.turbo', '**/dist', 'data'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs.recommended,
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      parserOptions: {
        parser: tseslint.parser,
        extraFileExtensions: ['.svelte'],
        svelteConfig,
      },
    },
    rules: {
      // TypeScript (svelte-check) already reports undefined names, browser globals included.
      'no-undef': 'off',
      // The dashboard is served at the root (no paths.base) and builds every link with
      // hrefWith(), which keeps the view state; resolve() would add nothing.
      'svelte/no-navigation-without-resolve': 'off',
    },
  },
  {
    // Plain-JavaScript entry points run on Node (TypeScript files get their globals from tsc).
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly' },
    },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'error',
    },
  },
);

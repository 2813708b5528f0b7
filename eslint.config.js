// Flat ESLint config. Light on style (the compiler and review do most of that); strict on the
// import layering and on import cycles, which `eslint/layers.js` enforces (see its header and
// CONVENTIONS.md).
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import layers from './eslint/layers.js';

// Files that may write to the console: the logger itself, command-line entry points, build and
// developer scripts, tests and benchmarks. Library code uses `common/logger.ts`.
const consoleAllowed = [
  'common/logger.ts',
  '**/cli.ts',
  'bench/**',
  'test/**',
  'native/*.mjs',
  'renderer/build.ts',
];
const testFiles = ['test/**/*.{ts,tsx,js,mjs}', '**/*.test.{ts,tsx,js,mjs}'];

export default defineConfig(
  { ignores: ['**/node_modules/**', '**/dist/**', 'test-results/**', 'bench/results/**', '.jharokha/**'] },

  js.configs.recommended,
  tseslint.configs.recommended,

  {
    // Plain JavaScript here is Node scripts (native/, eslint/); TypeScript needs no globals list.
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    plugins: { layers },
    rules: {
      'layers/import-layers': 'error',
      'layers/no-import-cycle': 'error',
      'no-console': 'error',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'prefer-const': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
    },
  },
  { files: consoleAllowed, rules: { 'no-console': 'off' } },
  {
    files: testFiles,
    rules: {
      // Tests read protocol frames loosely and assert their fields one by one.
      '@typescript-eslint/no-explicit-any': 'off',
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "MemberExpression[property.name='only'][object.name=/^(describe|it|test|suite)$/], MemberExpression[property.name='only'][object.property.name=/^(describe|it|test|suite)$/]",
          message: 'No `.only` in committed tests: it silently skips the rest of the suite.',
        },
        {
          selector: "Property[key.name='only'][value.value=true]",
          message: 'No `{ only: true }` in committed tests: it silently skips the rest of the suite.',
        },
      ],
    },
  },
);

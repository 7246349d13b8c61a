// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeBuiltins = ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'crypto', 'http', 'net'];

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    // The core runs under plain Node (tests, CLI, web host): it must never import Electron.
    files: ['src/main/**/*.ts'],
    ignores: ['src/main/electron/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'The core never imports electron; put Electron glue in src/main/electron.' }] }],
    },
  },
  {
    // Shared code runs in every process, the sandboxed renderer included.
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron' }], patterns: [{ group: nodeBuiltins, message: 'src/shared runs in the renderer too: no Node built-ins.' }] }],
    },
  },
  {
    // The renderer is treated like a web page: no Node, no Electron, no main-process code.
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer reaches main only through the bridge.' }],
          patterns: [
            { group: nodeBuiltins, message: 'The renderer has no Node.' },
            { group: ['**/main/**', '**/preload/**'], message: 'The renderer may import only src/shared and its own files.' },
          ],
        },
      ],
    },
  },
  {
    // The preload carries calls across and holds no logic.
    files: ['src/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/main/**', '**/renderer/**', ...nodeBuiltins], message: 'The preload imports only electron and src/shared.' }] }],
    },
  },
);

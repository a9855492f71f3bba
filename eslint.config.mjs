import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'static/*/build/',
      'build/',
      'coverage/',
      'artifacts/',
      '.cache/',
      '**/*.js',
      '**/*.mjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['src/cli/**', 'simulator/**', 'demo/**', 'scripts/**', 'bench/**', 'test/**'],
    rules: { 'no-console': 'off' },
  },
  {
    // The engine is pure: no Forge SDK, no Node I/O.
    files: ['src/engine/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['@forge/*', 'node:*', 'http', 'https', 'fs', 'net', 'tls'] },
      ],
    },
  },
  {
    // The walls of docs/ARCHITECTURE.md, by folder, whatever the depth of the importing file:
    // entry points (CLI, resolvers, panel) → engine → its port ← adapters (src/jira); the shared
    // engine core never imports a deployment; Cloud and Data Center never import each other.
    files: ['src/**/*.ts', 'static/**/*.ts', 'static/**/*.tsx'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [
        createTypeScriptImportResolver({
          project: ['tsconfig.json', 'static/panel/tsconfig.json'],
          noWarnOnMultipleProjects: true,
        }),
      ],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: './src/engine',
              from: [
                './src/jira',
                './src/cli',
                './src/resolvers',
                './src/history',
                './src/privacy',
                './src/profile',
                './src/contract',
                './static',
              ],
              message: 'The engine is pure and imports no entry point or adapter.',
            },
            {
              target: './src/engine/port',
              from: './src/engine',
              except: ['./port'],
              message: 'The port is the bottom of the engine: it imports nothing else of it.',
            },
            {
              target: './src/jira',
              from: [
                './src/engine',
                './src/cli',
                './src/resolvers',
                './src/history',
                './src/privacy',
                './src/contract',
              ],
              except: ['./port'],
              message: 'Adapters import the engine’s port only.',
            },
            {
              target: [
                './src/engine/model',
                './src/engine/knowledge',
                './src/engine/findings/catalogue',
                './src/engine/run',
                './src/engine/explain',
                './src/engine/presentation',
                './src/engine/triage',
              ],
              from: ['./src/engine/cloud', './src/engine/datacenter'],
              message: 'The shared engine core never imports a deployment variant.',
            },
            {
              target: './src/engine/cloud',
              from: './src/engine/datacenter',
              message: 'Cloud and Data Center are siblings.',
            },
            {
              target: './src/engine/datacenter',
              from: './src/engine/cloud',
              message: 'Cloud and Data Center are siblings.',
            },
            {
              target: './static',
              from: './src',
              except: ['./engine', './contract'],
              message: 'The panel reaches the backend through src/contract only.',
            },
            {
              target: './src/contract',
              from: [
                './src/cli',
                './src/resolvers',
                './src/history',
                './src/privacy',
                './src/jira',
                './static',
              ],
              message: 'The contract is shared by the panel and the resolvers and imports neither.',
            },
            {
              target: './src/cli',
              from: ['./src/resolvers', './src/history', './src/privacy', './src/profile'],
              message: 'The CLI and the Forge app are separate entry points.',
            },
            {
              target: ['./src/resolvers', './src/history', './src/privacy'],
              from: './src/cli',
              message: 'The CLI and the Forge app are separate entry points.',
            },
          ],
        },
      ],
    },
  },
);

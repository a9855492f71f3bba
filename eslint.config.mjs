import js from '@eslint/js';
import tseslint from 'typescript-eslint';

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
        {
          patterns: [
            '@forge/*',
            'node:*',
            'http',
            'https',
            'fs',
            'net',
            'tls',
            '../jira/*-transport',
            '../cli/*',
            '../resolvers/*',
          ],
        },
      ],
    },
  },
);

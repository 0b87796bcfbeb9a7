// ESLint flat config. The layering rules here are the project's architecture in executable form:
// only src/excel may touch Office/Excel, and src/domain stays pure (no I/O, no clock, no UI).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const officeGlobals = [
  { name: 'Excel', message: 'Only src/excel may use the Excel API.' },
  { name: 'Office', message: 'Only src/excel may use the Office API.' },
  { name: 'OfficeExtension', message: 'Only src/excel may use the Office API.' },
];

const impureGlobals = [
  'window',
  'document',
  'fetch',
  'localStorage',
  'sessionStorage',
  'XMLHttpRequest',
  'process',
  'setTimeout',
  'setInterval',
  'require',
  'console',
].map((name) => ({ name, message: 'src/domain is pure: pass data in, return data out.' }));

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'dist/**',
      'coverage/**',
      '.data/**',
      'outbox/**',
      'test-results/**',
      '.scratch/**',
      'dist-harness/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-console': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-globals': ['error', ...officeGlobals],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['src/excel/**'],
    rules: { 'no-restricted-globals': 'off' },
  },
  {
    files: ['src/domain/**'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-globals': ['error', ...officeGlobals, ...impureGlobals],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'node:*',
                'fs',
                'path',
                'os',
                'crypto',
                'http',
                'https',
                'react',
                'react-*',
                '@fluentui/*',
                'kysely',
                'pg',
                '@electric-sql/*',
                'fastify',
                '@fastify/*',
                'nodemailer',
                'msw',
                '**/excel/**',
                '**/server/**',
                '**/client/**',
                '**/taskpane/**',
              ],
              message: 'src/domain is pure TypeScript: no Node, UI, database or adapter imports.',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'src/domain reads no clock: pass the time in.',
        },
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'src/domain reads no clock: pass the time in.',
        },
        {
          selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']",
          message: 'src/domain is deterministic: pass randomness in.',
        },
      ],
    },
  },
  {
    files: ['test/**', '**/*.test.ts', '**/*.test.tsx', 'bench/**'],
    languageOptions: { globals: { ...globals.node, ...globals.jest } },
  },
);

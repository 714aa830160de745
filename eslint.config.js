import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', 'data/**', 'coverage/**', 'bench/out/**', 'adapters/storage/migrations/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // The core never reaches into an adapter; only the composition root (src/app) wires them in.
    files: ['src/**/*.ts'],
    ignores: ['src/app/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/adapters/**', '*adapters*'],
              message: 'src/ must not import adapters/: declare a port in src/ports and wire it in src/app.',
            },
          ],
        },
      ],
    },
  },
);

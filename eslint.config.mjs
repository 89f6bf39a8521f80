// Type-aware lint: the rules that matter most here are the promise rules — a floating promise in a
// write path is an effect nobody awaits, and a retry-safe system must know when each write is done.
import eslint from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'coverage/**', '.cache/**', 'public/**', 'client/generated/**', '**/*.js', '**/*.mjs'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      // Mappers drop stored fields by destructuring them away (`{ _id, ...rest }`).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // Domain entities declare their fields once: a read-only props interface merged into the class.
      '@typescript-eslint/no-empty-object-type': ['error', { allowInterfaces: 'with-single-extends' }],
      '@typescript-eslint/no-unsafe-declaration-merging': 'off',
    },
  },
  {
    // HTTP answers are untyped JSON (supertest types them `any`): the assertions are their types.
    // Test doubles implement async ports without awaiting anything.
    files: ['test/**/*.ts', 'src/**/*.spec.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    // Architecture rule 10 (docs/architecture.md): a global module is a dependency nobody declares, so only
    // configuration, the clock and logging are global. Decorators are invisible to dependency-cruiser.
    files: ['src/**/*.ts'],
    ignores: ['src/config/config.module.ts', 'src/common/clock.module.ts', 'src/logging/logging.module.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "Decorator[expression.callee.name='Global']",
          message:
            'Architecture rule 10: only configuration, the clock and logging are @Global(); import this module where it is used.',
        },
      ],
    },
  },
  {
    // Architecture rule 11: a package's dist/ or internal folders change without notice; use its public entry.
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['*/dist', '*/dist/*', '@*/*/dist', '@*/*/dist/*', 'class-validator/*'],
              message: "Architecture rule 11: import the package's public entry, not its internals.",
            },
          ],
        },
      ],
    },
  },
  prettier,
);

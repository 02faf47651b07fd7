// Lint for correctness only; layout is prettier's (npm run format).
import js from '@eslint/js'
import globals from 'globals'
import tseslint from 'typescript-eslint'

/** Files matching `files` may not import from the top-level folders `folders`, statically or with import(). */
function importBoundary(files, folders, message) {
  const regex = `^(\\.\\.?/)+(${folders.join('|')})/`
  const dynamic = `ImportExpression[source.value=/${regex.replaceAll('/', '\\/')}/]`
  return {
    files,
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex, message }] }],
      'no-restricted-syntax': ['error', { selector: dynamic, message }],
    },
  }
}

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', '.wrangler/', 'index/', 'bench/', 'public/widget*.js', 'src/env.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser, ...globals.serviceworker } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      // The parsers strip control characters from wiki text and queries on purpose.
      'no-control-regex': 'off',
    },
  },
  // Who may import whom: src/ stands alone; scripts/ (the CLIs) and tests/ (the specs) share code only
  // through tools/, which imports neither.
  importBoundary(
    ['src/**'],
    ['scripts', 'tests', 'tools'],
    'src/ is the Worker and the package: it imports no Node tooling',
  ),
  importBoundary(['scripts/**'], ['tests'], 'scripts/ holds the CLIs: shared code belongs in tools/'),
  importBoundary(['tests/**'], ['scripts'], 'tests/ holds the specs: shared code belongs in tools/'),
  importBoundary(['tools/**'], ['scripts', 'tests'], 'tools/ is shared by scripts/ and tests/ and imports neither'),
  {
    // Tests, tools and scripts read JSON answers whose shape the assertion itself checks.
    files: ['tests/**', 'scripts/**', 'tools/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
)

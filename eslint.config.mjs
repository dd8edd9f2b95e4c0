// ESLint flat config: typescript-eslint's type-checked rules for the extension, its tests
// and the webview script; plain JavaScript rules for the build, test and bench scripts.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Folders of the pure core (docs/CONTRACTS.md): plain Node, tested without VS Code. */
export const CORE_FOLDERS = ['async', 'course', 'render', 'exercises', 'reader', 'lab', 'cluster', 'setup', 'snippets', 'text'];
const VSCODE_IN_CORE = 'The core stays free of VS Code: put the glue in src/vscode/ and pass plain values or callbacks in.';
// scripts/build.mjs gives the bundle one copy of `vscode` and of each `node:` built-in through
// `export * from ...`, which carries no default export: a default import would be undefined.
const NO_DEFAULT_IMPORT_OF_ONE_COPY = {
  selector: 'ImportDeclaration[source.value=/^(vscode|node:.+)$/] > ImportDefaultSpecifier',
  message: "Import `* as name` or named imports from vscode and node: built-ins (the bundle's one-copy modules have no default export).",
};
const DOM_GLOBALS = ['window', 'document', 'navigator', 'location', 'localStorage', 'sessionStorage', 'HTMLElement', 'Element', 'Node', 'DOMParser', 'XMLHttpRequest', 'acquireVsCodeApi'];

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', 'content/**', '**/*.d.ts'] },
  js.configs.recommended,
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': [
        'error',
        // node:test collects the promises that test() and describe() return.
        { allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['test', 'describe', 'it', 'suite'] }] },
      ],
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    // The extension and the pure core report through the Output channel, never the console.
    files: ['src/**/*.ts'],
    ignores: ['src/cli.ts'],
    languageOptions: { globals: globals.node },
    rules: { 'no-console': 'error' },
  },
  {
    // See NO_DEFAULT_IMPORT_OF_ONE_COPY (the core's block below repeats it with its own selectors).
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        NO_DEFAULT_IMPORT_OF_ONE_COPY,
      ],
    },
  },
  {
    // The pure core runs and is tested in plain Node: no VS Code API and no DOM. The glue that
    // needs them lives in src/vscode/ (extension host) and media/src/ (webview).
    files: CORE_FOLDERS.map((folder) => `src/${folder}/**/*.ts`),
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: VSCODE_IN_CORE }] }],
      'no-restricted-syntax': [
        'error',
        { selector: "ImportExpression[source.value='vscode']", message: VSCODE_IN_CORE },
        { selector: "CallExpression[callee.name='require'][arguments.0.value='vscode']", message: VSCODE_IN_CORE },
        { selector: "TSImportType[argument.literal.value='vscode']", message: VSCODE_IN_CORE },
        NO_DEFAULT_IMPORT_OF_ONE_COPY,
      ],
      'no-restricted-globals': ['error', ...DOM_GLOBALS.map((name) => ({ name, message: 'The core runs in Node, not in a page: no DOM here (the webview script is media/src/).' }))],
    },
  },
  {
    // The webview script runs in the browser; it has nowhere useful to log to.
    files: ['media/src/**/*.ts'],
    languageOptions: { globals: globals.browser },
    rules: { 'no-console': 'error' },
  },
  {
    // Tests poke at untyped JSON and fixtures; the unsafe-any rules would only add casts.
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    languageOptions: { globals: globals.node },
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    files: ['**/*.mjs', '**/*.js', '**/*.cjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // The desktop suite runs inside VS Code's Mocha, whose globals it uses.
    files: ['test/desktop/**/*.js'],
    languageOptions: { globals: { ...globals.node, ...globals.mocha } },
  },
);

import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import pluginVue from 'eslint-plugin-vue';
import boundaries from 'eslint-plugin-boundaries';
import globals from 'globals';
import prettierConfig from 'eslint-config-prettier';

// Every file is one element of the product's shape. The first matching descriptor wins, so test code is
// recognised before the workspace it sits in.
const elements = [
  // Backend tests and their helpers: may use everything of the backend, but not the simulator (the backend
  // package does not depend on it) nor the web app.
  { type: 'backend-test', mode: 'full', pattern: ['backend/**/*.test.ts', 'backend/**/testing/**'] },
  { type: 'test', mode: 'full', pattern: ['test/**', '**/*.test.ts', '**/testing/**'] },
  { type: 'contracts', mode: 'full', pattern: 'contracts/**' },
  { type: 'event-store', mode: 'full', pattern: 'event-store/**' },
  { type: 'projections', mode: 'full', pattern: 'projections/**' },
  { type: 'telnyx-sim', mode: 'full', pattern: 'telnyx-sim/**' },
  { type: 'backend-platform', mode: 'full', pattern: 'backend/src/platform/**' },
  // One element per slice folder, so a slice's own files are internal to it and the rest are other slices.
  { type: 'backend-slice', mode: 'folder', pattern: 'backend/src/slices/*', capture: ['slice'] },
  // Elements match from the file upwards, so the backend root must leave out the slice folders.
  {
    type: 'backend-root',
    mode: 'full',
    pattern: ['backend/*', 'backend/!(src)/**', 'backend/src/*', 'backend/src/!(slices)/**'],
  },
  { type: 'launcher', mode: 'full', pattern: 'launcher/**' },
  { type: 'frontend', mode: 'full', pattern: 'frontend/**' },
];

const testFiles = ['test/**', '**/*.test.ts', '**/testing/**'];
// Benchmarks are scripts run on their own (tsx), not test files: they keep the size limits.
const sizeExemptFiles = ['test/!(bench)/**', 'test/*', '**/*.test.ts', '**/testing/**'];
const backendLibraries = ['contracts', 'event-store', 'projections'];
const backend = ['backend-platform', 'backend-slice', 'backend-root'];

const elementTypes = {
  default: 'disallow',
  rules: [
    { from: ['contracts'], allow: ['contracts'] },
    { from: ['event-store'], allow: ['event-store', 'contracts'] },
    { from: ['projections'], allow: ['projections', 'event-store', 'contracts'] },
    { from: ['telnyx-sim'], allow: ['telnyx-sim'] },
    { from: ['backend-platform'], allow: ['backend-platform', ...backendLibraries] },
    {
      from: ['backend-slice'],
      allow: [
        'backend-platform',
        ...backendLibraries,
        // Another slice only through its index: see boundaries/entry-point below.
        'backend-slice',
      ],
    },
    { from: ['backend-root'], allow: [...backend, ...backendLibraries] },
    { from: ['launcher'], allow: ['launcher', ...backend, 'telnyx-sim', 'contracts'] },
    { from: ['frontend'], allow: ['frontend'] },
    // The web app only shares the API's shapes with the backend, never code that would end up in the bundle.
    { from: ['frontend'], allow: ['contracts'], importKind: 'type' },
    {
      from: ['backend-test'],
      allow: ['backend-test', 'backend-platform', 'backend-slice', 'backend-root', 'test', ...backendLibraries],
    },
    { from: ['test'], allow: ['*'] },
  ],
};

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'data/**', 'test/artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  ...pluginVue.configs['flat/recommended'],
  {
    // Type-aware: each file is checked against the program of the nearest tsconfig.json (its workspace).
    languageOptions: {
      parserOptions: {
        // The root's vitest.config.ts belongs to no workspace: it gets the shared compiler options.
        projectService: { allowDefaultProject: ['vitest.config.ts'], defaultProject: 'tsconfig.base.json' },
        tsconfigRootDir: import.meta.dirname,
        extraFileExtensions: ['.vue'],
      },
    },
  },
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    // The web app's tsconfig.json is the browser bundle only; its tests, their helpers and the Vite config are
    // typed by tsconfig.node.json, which the project service does not find by itself.
    files: ['frontend/vite.config.ts', 'frontend/src/**/*.test.ts', 'frontend/src/**/testing/**/*.ts'],
    languageOptions: { parserOptions: { projectService: false, project: './frontend/tsconfig.node.json' } },
  },
  // This config file itself is plain JavaScript outside every tsconfig.
  { files: ['**/*.js'], ...tseslint.configs.disableTypeChecked },
  // Node everywhere, except the web app, which runs in the browser; its tests run in Node with a simulated DOM.
  { languageOptions: { globals: globals.node } },
  { files: ['frontend/src/**'], languageOptions: { globals: globals.browser } },
  {
    files: ['frontend/src/**/*.test.ts', 'frontend/src/**/testing/**'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'vue/multi-word-component-names': 'off',
      // `async` without `await` is how Fastify plugins and handlers, in-memory ports and test stand-ins honour an
      // async contract (a plain function would have to be rewritten around Promise.resolve, and a throw would
      // escape synchronously). The real hazards stay guarded by no-floating-promises and no-misused-promises.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // Types of .vue components are invisible to typescript-eslint (only vue-tsc, which typechecks the web app,
    // reads them): in the files that handle components (the components themselves, the entry point and router
    // that import them, component tests) they come out as `any`/error types, and the no-unsafe-* rules would
    // flag that artefact rather than unsafe code. Everywhere else in the web app they stay on.
    files: [
      'frontend/src/**/*.vue',
      'frontend/src/main.ts',
      'frontend/src/router/**/*.ts',
      'frontend/src/**/*.test.ts',
      'frontend/src/**/testing/**/*.ts',
    ],
    rules: {
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    files: ['**/*.{ts,vue,js}'],
    plugins: { boundaries },
    settings: {
      'boundaries/elements': elements,
      // `export … from` re-exports are dependencies too (the web app's API types are re-exported contracts).
      'boundaries/dependency-nodes': ['import', 'export', 'dynamic-import'],
      'boundaries/include': [
        'contracts/**',
        'event-store/**',
        'projections/**',
        'telnyx-sim/**',
        'backend/**',
        'launcher/**',
        'frontend/**',
        'test/**',
      ],
      // `@curbe-voice/*` resolves through the workspace symlinks to the package folders, following their exports.
      'import/resolver': {
        typescript: { alwaysTryTypes: true, project: ['*/tsconfig.json'], noWarnOnMultipleProjects: true },
      },
      'import/extensions': ['.ts', '.vue', '.js'],
    },
    rules: {
      'boundaries/element-types': ['error', elementTypes],
      // Code outside a slice (other slices, the backend root, the launcher) reaches it only through its public
      // face, `slices/<name>/index.ts`; within a slice the rule does not apply.
      'boundaries/entry-point': [
        'error',
        {
          default: 'disallow',
          rules: [
            {
              target: elements.map((element) => element.type).filter((type) => type !== 'backend-slice'),
              allow: ['**'],
            },
            { target: ['backend-slice'], allow: ['index.ts'] },
          ],
        },
      ],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@curbe-voice/*/src', '@curbe-voice/*/src/**'],
              message:
                "Import a workspace through its package exports (e.g. '@curbe-voice/projections/read-models/x/index'), not its src folder.",
            },
          ],
        },
      ],
    },
  },
  // Layout belongs to Prettier: stylistic rules that would fight it (including eslint-plugin-vue's) are off.
  prettierConfig,
  {
    // Function size for product code, counted as the file reads (blank lines and comments included); test
    // suites are one long describe by nature.
    files: ['**/*.{ts,vue}'],
    ignores: sizeExemptFiles,
    rules: {
      'max-lines-per-function': ['error', { max: 80, skipBlankLines: false, skipComments: false, IIFEs: true }],
    },
  },
  {
    // Every file, tests included: one over 300 lines says why at its top.
    files: ['**/*.{ts,vue}'],
    rules: { 'max-lines': ['error', { max: 300, skipBlankLines: false, skipComments: false }] },
  },
  {
    // Tests reach into slices to set up their worlds (fixtures, demo data); the public-face rule is for product code.
    files: testFiles,
    rules: {
      'boundaries/entry-point': 'off',
      // `expect(stub.method).toHaveBeenCalled()` passes a method without calling it; Vitest never invokes it
      // with a lost `this` (the jest-aware variant of this rule does not exist for Vitest).
      '@typescript-eslint/unbound-method': 'off',
      // Vitest's asymmetric matchers (expect.any, expect.stringMatching, …) are typed `any`; placing them in an
      // expected object is their whole point.
      '@typescript-eslint/no-unsafe-assignment': 'off',
    },
  },
);

// @ts-check
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';
import astro from 'eslint-plugin-astro';

/** Code that runs on demand in the Node server, by path: every `prerender = false` page lives under these. */
const ON_DEMAND = [
  'src/server/**',
  'src/pages/api/**',
  'src/pages/inbox/**',
  'src/pages/hotline/status/**',
  'src/middleware.ts',
];

const NO_CONTENT = {
  name: 'astro:content',
  message:
    "On-demand code must not import astro:content: it links every story's compiled MDX into the server bundle. " +
    'Use virtual:site-data (settings, columns, districts, story titles; src/integrations/site-data.ts).',
};

/** Modules of src/ that import astro:content themselves, so importing them is the same mistake. */
const NO_CONTENT_WRAPPERS = {
  regex: String.raw`(^|/)(lib/(content|feeds)|components/(ArticleCard|mdx/ArticleBody)|content\.config)(\.(ts|astro))?$`,
  message: NO_CONTENT.message,
};

/**
 * What prerendered code may take from src/server/: the fixed limits, the tip fields and what the photo
 * decoder supports, which are the same on the build machine and the server. Anything else there (readConfig,
 * the services, the database) is a runtime value, which a page built in advance cannot know.
 */
const BUILD_TIME_SERVER_IMPORTS = [
  {
    regex: String.raw`(^|/)server/(?!config\.ts$|tips/fields\.ts$|tips/photos\.ts$)`,
    message:
      'Prerendered pages are built before the server runs: do not import src/server/ here for runtime values. ' +
      'Take them from the server at runtime (an on-demand route, Astro.locals set by src/middleware.ts).',
  },
  {
    regex: String.raw`(^|/)server/config\.ts$`,
    importNames: ['readConfig'],
    message:
      "readConfig() in a prerendered page reads the build machine's environment, not the server's. " +
      'Take runtime settings from the server at runtime (Astro.locals set by src/middleware.ts).',
  },
];

export default defineConfig(
  {
    ignores: [
      'dist/',
      '.astro/',
      'node_modules/',
      'data/',
      'bench/.corpus/',
      'bench/.out/',
      '.work-*/',
      'public/',
      '.builds/',
    ],
  },
  ...tseslint.configs.strictTypeChecked,
  ...tseslint.configs.stylisticTypeChecked,
  ...astro.configs.recommended,
  {
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
        extraFileExtensions: ['.astro'],
      },
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // tsconfig's noPropertyAccessFromIndexSignature requires process.env['X']; the two rules disagree.
      '@typescript-eslint/dot-notation': 'off',
      // Prefer explicit `as T` over `!` so the expected type is visible where zod internals are read.
      '@typescript-eslint/non-nullable-type-assertion-style': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // The server bundle: the tips endpoint, the inbox and what they import. `astro:content` links every story's
    // compiled MDX, so one import here would put the whole archive into the server (docs/architecture.md, "Tips").
    files: ON_DEMAND,
    rules: {
      'no-restricted-imports': ['error', { paths: [NO_CONTENT], patterns: [NO_CONTENT_WRAPPERS] }],
      'no-restricted-syntax': [
        'error',
        { selector: "ImportExpression[source.value='astro:content']", message: NO_CONTENT.message },
      ],
    },
  },
  {
    // Prerendered pages run once, at build time, on the build machine: a runtime setting read there is the
    // build's environment, not the server's, and a database opened there is the build's.
    files: ['src/pages/**', 'src/components/**', 'src/layouts/**'],
    ignores: ON_DEMAND,
    rules: { 'no-restricted-imports': ['error', { patterns: BUILD_TIME_SERVER_IMPORTS }] },
  },
);

/**
 * The on-demand rule of eslint.config.js covers the newsroom backend: its
 * route and its server modules may not import astro:content (which would
 * link every story's compiled MDX into the server bundle).
 */
import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const eslint = new ESLint({
  cwd: ROOT,
  overrideConfigFile: resolve(ROOT, 'eslint.config.js'),
  overrideConfig: tseslint.configs.disableTypeChecked,
});

it.each(['src/pages/api/cms/git.ts', 'src/server/cms-git/probe.ts'])(
  '%s: importing astro:content is an error',
  async (file) => {
    const code = `import { getCollection } from 'astro:content';\n\nexport const all = getCollection;\n`;
    const [result] = await eslint.lintText(code, { filePath: resolve(ROOT, file) });
    const problems = (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports');
    expect(problems.map((m) => m.message)).toEqual([expect.stringContaining('virtual:site-data')]);
  },
);

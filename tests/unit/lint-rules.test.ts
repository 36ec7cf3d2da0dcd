import { resolve } from 'node:path';
import { ESLint, type Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

// The project's own config, without type information: the import rules need none, and the snippets below
// are files that do not exist, which the TypeScript project service would refuse to parse.
const eslint = new ESLint({
  cwd: ROOT,
  overrideConfigFile: resolve(ROOT, 'eslint.config.js'),
  overrideConfig: tseslint.configs.disableTypeChecked,
});

async function lint(filePath: string, code: string): Promise<Linter.LintMessage[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(ROOT, filePath) });
  if (!result) throw new Error(`ESLint returned nothing for ${filePath}`);
  return result.messages;
}

const importRules = (messages: Linter.LintMessage[]) =>
  messages.filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-syntax');

const TS_CONTENT = `import { getCollection } from 'astro:content';\n\nexport const count = (await getCollection('articles')).length;\n`;
const ASTRO_CONTENT = `---\nimport { getCollection } from 'astro:content';\n\nexport const prerender = false;\nconst count = (await getCollection('articles')).length;\n---\n\n<p>{count}</p>\n`;

describe('on-demand code never imports astro:content', () => {
  it.each([
    ['src/server/inbox/probe.ts', TS_CONTENT],
    ['src/pages/api/tips/probe.ts', TS_CONTENT],
    ['src/pages/inbox/probe.astro', ASTRO_CONTENT],
    ['src/pages/inbox/_components/probe.ts', TS_CONTENT],
    ['src/middleware.ts', TS_CONTENT],
  ])('%s: an import of astro:content is an error that says why and what to use', async (file, code) => {
    const [problem, ...more] = importRules(await lint(file, code));
    expect(more).toEqual([]);
    expect(problem?.severity).toBe(2);
    expect(problem?.message).toContain('astro:content');
    expect(problem?.message).toContain('server bundle');
    expect(problem?.message).toContain('virtual:site-data');
  });

  it('also refuses a dynamic import, a re-export and the modules that wrap astro:content', async () => {
    const dynamic = await lint('src/server/probe.ts', `export const load = () => import('astro:content');\n`);
    expect(importRules(dynamic).map((m) => m.message)).toEqual([
      expect.stringContaining('virtual:site-data'),
    ]);
    const reexport = await lint('src/pages/api/probe.ts', `export { getEntry } from 'astro:content';\n`);
    expect(importRules(reexport)).toHaveLength(1);
    const wrapper = await lint(
      'src/pages/inbox/probe.ts',
      `import { getPublishedArticles } from '../../lib/content.ts';\n\nexport const all = getPublishedArticles;\n`,
    );
    expect(importRules(wrapper).map((m) => m.message)).toEqual([expect.stringContaining('astro:content')]);
  });

  it('lets prerendered pages import astro:content, and on-demand code import virtual:site-data', async () => {
    const page = `---\nimport { getCollection } from 'astro:content';\n\nconst count = (await getCollection('articles')).length;\n---\n\n<p>{count}</p>\n`;
    expect(await lint('src/pages/columns/probe.astro', page)).toEqual([]);
    expect(await lint('src/lib/probe.ts', TS_CONTENT)).toEqual([]);
    const server = `import stories from 'virtual:site-data/stories';\n\nexport const count = stories.length;\n`;
    expect(await lint('src/pages/inbox/probe.ts', server)).toEqual([]);
  });
});

describe('prerendered pages take no runtime values from src/server/', () => {
  it.each([
    [
      `import { readConfig } from '../../../server/config.ts';\n\nexport const days = readConfig().retentionDays;\n`,
    ],
    [
      `import { getServices } from '../../../server/services.ts';\n\nexport const db = () => getServices().db;\n`,
    ],
    [`import { openDatabase } from '../../../server/db.ts';\n\nexport const open = openDatabase;\n`],
  ])('refuses %s in a hotline component', async (code) => {
    const problems = importRules(await lint('src/pages/hotline/_components/probe.ts', code));
    expect(problems.map((m) => m.message)).toEqual([expect.stringContaining('runtime')]);
  });

  it('refuses them in any prerendered page, and allows them on demand', async () => {
    const code = `import { readConfig } from '../server/config.ts';\n\nexport const days = readConfig().retentionDays;\n`;
    expect(importRules(await lint('src/pages/probe.ts', code))).toHaveLength(1);
    expect(importRules(await lint('src/components/probe.ts', code))).toHaveLength(1);
    const onDemand = `import { readConfig } from '../../server/config.ts';\n\nexport const days = readConfig().retentionDays;\n`;
    expect(await lint('src/pages/inbox/probe.ts', onDemand)).toEqual([]);
  });

  it('allows the fixed limits and tip fields the form is built from', async () => {
    const code = `import { TIP_LIMITS } from '../../../server/config.ts';\nimport { CATEGORIES } from '../../../server/tips/fields.ts';\n\nexport const max = [TIP_LIMITS.bodyMax, CATEGORIES.length];\n`;
    expect(await lint('src/pages/hotline/_components/probe.ts', code)).toEqual([]);
  });
});
